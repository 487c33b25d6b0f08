// llm-emit-token-metric beyond T5/T6: default namespace, every default dimension, Backend ID, cached and
// reasoning tokens, responses without usage, and load-time errors.
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBackendRegistry } from '../../../src/backends/index.ts';
import { ManualClock } from '../../../src/clock.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { gateway, openAiUpstream, START, usage, type Gateway } from './support.ts';

const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});
async function start(...args: Parameters<typeof gateway>): Promise<Gateway> {
  const g = await gateway(...args);
  open.push(g);
  return g;
}

describe('llm-emit-token-metric', () => {
  it('namespace defaults to API Management; cached and reasoning tokens are emitted when the response reports them', async () => {
    const g = await start({ inbound: '<llm-emit-token-metric><dimension name="Location" /><dimension name="Gateway ID" /></llm-emit-token-metric>' });
    g.upstream.reply = { kind: 'json', usage: usage(100, 50, { prompt_tokens_details: { cached_tokens: 64 }, completion_tokens_details: { reasoning_tokens: 32 } }) };
    await g.send();
    expect(g.sink.records.map((r) => [r.name, r.value])).toEqual([
      ['Total Tokens', 150],
      ['Prompt Tokens', 100],
      ['Completion Tokens', 50],
      ['Cached Tokens', 64],
      ['Reasoning Tokens', 32],
    ]);
    expect(g.sink.records.every((r) => r.namespace === 'API Management')).toBe(true);
    expect(g.sink.records[0]!.dimensions).toEqual({ Location: 'local', 'Gateway ID': 'managed' });
  });

  it('Backend ID is the backend the request went to', async () => {
    const upstream = await openAiUpstream({ kind: 'json', usage: usage(1, 1) });
    const clock = new ManualClock(START);
    const services = { ...memoryServices(clock), backends: new MemoryBackendRegistry({ 'openai-east': { url: upstream.server.url, protocol: 'http' } }) };
    const g = await start(
      { inbound: '<llm-emit-token-metric><dimension name="Backend ID" /><dimension name="Subscription ID" /></llm-emit-token-metric><set-backend-service backend-id="openai-east" />' },
      { upstream, services, clock },
    );
    await g.send();
    expect(g.sink.records[0]!.dimensions).toEqual({ 'Backend ID': 'openai-east', 'Subscription ID': '' });
  });

  it('a response without usage (an error) emits nothing', async () => {
    const g = await start({ inbound: '<llm-emit-token-metric><dimension name="API ID" /></llm-emit-token-metric>' });
    g.upstream.reply = { kind: 'json', status: 429 };
    expect((await g.send()).status).toBe(429);
    expect(g.sink.records).toHaveLength(0);
  });

  it('a dimension without value must be a default dimension (refused at load otherwise)', async () => {
    await expect(start({ inbound: '<llm-emit-token-metric>\n<dimension name="Client IP" /></llm-emit-token-metric>' })).rejects.toThrow(
      'llm-emit-token-metric dimension "Client IP" has no value and is not a default dimension',
    );
  });

  it('with llm-token-limit in the same document the usage is read once and both see it', async () => {
    const g = await start({
      inbound:
        '<llm-token-limit counter-key="k" tokens-per-minute="1000" estimate-prompt-tokens="true" remaining-tokens-header-name="x-remaining" />' +
        '<azure-openai-emit-token-metric namespace="n"><dimension name="team" value="blue" /></azure-openai-emit-token-metric>',
    });
    g.upstream.reply = { kind: 'json', usage: usage(70, 30) };
    const response = await g.send();
    expect(response.header('x-remaining')).toBe('900');
    expect(g.sink.records.map((r) => [r.name, r.value, r.dimensions])).toEqual([
      ['Total Tokens', 100, { team: 'blue' }],
      ['Prompt Tokens', 70, { team: 'blue' }],
      ['Completion Tokens', 30, { team: 'blue' }],
    ]);
  });
});
