// Streaming requests ("stream": true) through llm-token-limit and llm-emit-token-metric together: the prompt is
// estimated up front, the completion counted from the SSE stream as it passes (its usage chunk when present,
// else the content deltas), the stream is never buffered, and counters and metrics agree at its end.
import type { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { estimatePromptTokens, loadEncoder } from '../../../src/tokens/index.ts';
import { gate } from '../../http/test-server.ts';
import { chatBody, collect, gateway, metricValues, usage, type Gateway } from './support.ts';

const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

const TPM = 10_000;
const streamBody = chatBody('Tell me a short story about a lighthouse.', { stream: true });

async function both(estimate = false): Promise<Gateway> {
  const g = await gateway({
    inbound:
      `<llm-token-limit counter-key="k" tokens-per-minute="${TPM}" estimate-prompt-tokens="${estimate}" remaining-tokens-header-name="x-remaining" tokens-consumed-header-name="x-consumed" />` +
      '<llm-emit-token-metric namespace="ai"><dimension name="API ID" /></llm-emit-token-metric>',
  });
  open.push(g);
  return g;
}

/** What the counter holds now: a follow-up call whose response reports 0 tokens reads it back. */
async function remaining(g: Gateway): Promise<number> {
  g.upstream.reply = { kind: 'json', usage: usage(0, 0) };
  return Number((await g.send()).header('x-remaining'));
}

const prompt = async (): Promise<number> => (await estimatePromptTokens(streamBody, { api: 'chat' })).tokens;

describe('streaming', () => {
  it('with the usage chunk: the reported usage is counted and emitted', async () => {
    const g = await both();
    g.upstream.reply = { kind: 'sse', contents: ['Once', ' upon', ' a time'], usage: usage(31, 9, { prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } }) };
    const response = await g.send({ body: streamBody });
    expect(response.status).toBe(200);
    expect(response.text).toContain('"content":" upon"');
    expect(response.text.endsWith('data: [DONE]\n\n')).toBe(true);
    // The headers left before the usage was known: they carry the prompt estimate.
    expect(response.header('x-consumed')).toBe(String(await prompt()));
    expect(response.header('x-remaining')).toBe(String(TPM - (await prompt())));
    expect(metricValues(g.sink)).toEqual({ 'Total Tokens': 40, 'Prompt Tokens': 31, 'Completion Tokens': 9, 'Cached Tokens': 0, 'Reasoning Tokens': 0 });
    expect(await remaining(g)).toBe(TPM - 40);
  });

  it('without the usage chunk: the prompt estimate plus the completion counted from the deltas', async () => {
    const g = await both();
    const contents = ['Once', ' upon', ' a time, a keeper', ' lit the lamp.'];
    g.upstream.reply = { kind: 'sse', contents };
    await g.send({ body: streamBody });
    const completion = (await loadEncoder('o200k_base')).count(contents.join(''));
    expect(completion).toBeGreaterThan(5);
    const p = await prompt();
    expect(metricValues(g.sink)).toEqual({ 'Total Tokens': p + completion, 'Prompt Tokens': p, 'Completion Tokens': completion });
    expect(await remaining(g)).toBe(TPM - p - completion);
  });

  it('passes the stream through chunk by chunk: the first chunk reaches the client before the upstream ends', async () => {
    const g = await both();
    const end = gate();
    g.upstream.reply = { kind: 'sse', contents: ['late', ' words'], usage: usage(20, 2), hold: end.promise };
    const response = await g.open({ body: streamBody });
    expect(response.headers.first('Content-Type')).toBe('text/event-stream');
    const reading = collect(response.body as Readable);
    const first = await reading.first;
    expect(first).toContain('"role":"assistant"');
    // The upstream is still holding its end: nothing is counted yet.
    expect(g.sink.records).toHaveLength(0);
    end.open();
    const all = await reading.all;
    expect(all).toContain('"content":"late"');
    expect(metricValues(g.sink)).toMatchObject({ 'Total Tokens': 22 });
    expect(await remaining(g)).toBe(TPM - 22);
  });

  it('a client that goes away mid-stream: what passed is counted (prompt estimate, no completion yet)', async () => {
    const g = await both();
    const end = gate();
    g.upstream.reply = { kind: 'sse', contents: ['never', ' sent'], usage: usage(20, 2), hold: end.promise };
    const response = await g.open({ body: streamBody });
    const body = response.body as Readable;
    await collect(body).first;
    const closed = new Promise<void>((resolve) => body.once('close', () => resolve()));
    body.destroy();
    await closed;
    const p = await prompt();
    expect(metricValues(g.sink)).toEqual({ 'Total Tokens': p, 'Prompt Tokens': p, 'Completion Tokens': 0 });
    end.open();
    expect(await remaining(g)).toBe(TPM - p);
  });

  it('a streaming request is estimated even with estimate-prompt-tokens="false": a prompt over the limit is refused before the backend', async () => {
    const g = await gateway({ inbound: '<llm-token-limit counter-key="k" tokens-per-minute="5" estimate-prompt-tokens="false" />' });
    open.push(g);
    const refused = await g.send({ body: streamBody });
    expect(refused.status).toBe(429);
    // More than the whole minute's tokens: the wait is the minute.
    expect(refused.header('Retry-After')).toBe('60');
    expect(g.upstream.bodies).toHaveLength(0);
  });
});
