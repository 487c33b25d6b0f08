// Two gateway instances sharing one Redis enforce one llm-token-limit: 20 concurrent clients on one counter key
// with estimate-prompt-tokens="true" against the built-in mock. Prompts are taken before forwarding, atomically
// in Redis, so the admitted prompts never exceed tokens-per-minute; completions are counted after (APIM's rule),
// so what the key used in the minute is at most tokens-per-minute plus what was in flight. And what happens to
// llm-token-limit when Redis is down.
import { randomUUID } from 'node:crypto';
import { ManualClock, memoryServices } from '@apimx/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TcpProxy } from '../../../runtime/test/stores/redis/tcp-proxy.ts';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const TPM = 200;

const API_POLICY = policies({
  inbound: `<base />
    <llm-token-limit counter-key="shared-app" tokens-per-minute="${TPM}" estimate-prompt-tokens="true"
      remaining-tokens-header-name="x-remaining-tokens" tokens-consumed-header-name="x-tokens-consumed" />`,
  backend: '<forward-request />',
});

function config(prefix: string, stores = ''): string {
  return `
mocks: [ { name: m } ]
apis:
  v1: { path: v1, serviceUrl: "mock://m/v1", subscriptionRequired: false, operations: openai-v1, policy: api.xml }
stores: { type: redis, keyPrefix: "${prefix}"${stores} }
`;
}

interface Outcome {
  status: number;
  prompt: number;
  total: number;
}

describe('llm-token-limit shared through Redis', () => {
  const gateways: RunningGateway[] = [];

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close({ timeoutMs: 1000 })));
  });

  it('two instances, 20 concurrent clients, one key: admitted prompts within tokens-per-minute; the key then holds prompts + completions', async () => {
    const dir = writeFixture({ 'apimx.yaml': config(`apimx-test-${randomUUID()}:`), 'api.xml': API_POLICY });
    // One clock for both instances (as NTP gives real ones): no refill while the test runs.
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    for (let i = 0; i < 2; i++) {
      gateways.push(await startGateway({ config: `${dir}/apimx.yaml`, port: 0, env: { REDIS_URL }, services: memoryServices(clock) }));
    }
    const call = async (i: number): Promise<Outcome & { retryAfter: string | null }> => {
      const res = await fetch(`${gateways[i % 2]!.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about the weather in Paris today.' }], max_tokens: 20 }),
      });
      const body = (await res.json()) as { usage?: { prompt_tokens: number; total_tokens: number } };
      return { status: res.status, prompt: body.usage?.prompt_tokens ?? 0, total: body.usage?.total_tokens ?? 0, retryAfter: res.headers.get('retry-after') };
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)));
    const admitted = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 429);
    expect(admitted.length + refused.length).toBe(20);
    expect(admitted.length).toBeGreaterThan(0);
    const prompt = admitted[0]!.prompt;
    const admittedPrompts = admitted.reduce((sum, o) => sum + o.prompt, 0);
    const used = admitted.reduce((sum, o) => sum + o.total, 0);
    const completions = used - admittedPrompts;
    // Estimates are taken atomically across both instances: never more than the limit at admission.
    expect(admittedPrompts).toBeLessThanOrEqual(TPM);
    // Each refusal came when the prompt did not fit what admissions and the completions recorded so far left (how
    // many completions came back during the burst depends on timing: at most all of them).
    expect(admittedPrompts).toBeGreaterThan(TPM - prompt - completions);
    console.log(`redis token limit: ${admitted.length}/20 admitted, prompts ${admittedPrompts} of ${TPM} tokens-per-minute, used with completions ${used}`);

    // The completions are recorded after the responses (a response's completion lands just after its client has the
    // body): once they all have, the key holds exactly prompts + completions (no refill on the shared clock), so the
    // next request on either instance waits for the bucket to hold its prompt again.
    const bucket = 'tpm-bucket\u0000llm-token-limit\u0000shared-app';
    await vi.waitFor(async () => {
      const { tokens } = await gateways[0]!.services.counters.bucketTake(bucket, clock.now(), TPM, TPM / 60_000, 0, 'peek');
      expect(tokens).toBe(TPM - used);
    }, { timeout: 5000, interval: 20 });
    for (const i of [0, 1]) {
      const after = await call(i);
      expect(after.status).toBe(429);
      expect(after.retryAfter).toBe(String(Math.max(1, Math.ceil((prompt - (TPM - used)) / (TPM / 60_000) / 1000))));
    }
  });
});

// Redis unreachable (nothing listening) or stalled (connected, answering nothing): llm-token-limit follows
// onUnavailable. Open: the limit is not enforced meanwhile and the request goes to the backend (here a prompt far
// over tokens-per-minute passes, which Redis would refuse). Closed: 503 with APIM's {statusCode, message} body,
// before the backend. Either way the request is answered (the command deadline), never left hanging.
describe('llm-token-limit when Redis is down', () => {
  const gateways: RunningGateway[] = [];
  let proxy: TcpProxy | undefined;

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close({ timeoutMs: 1000 })));
    await proxy?.close();
    proxy = undefined;
  });

  // 10 tokens a minute: every request below estimates more, so only a limit that is not enforced lets it pass.
  const TINY_LIMIT = policies({
    inbound: '<base /><llm-token-limit counter-key="app" tokens-per-minute="10" estimate-prompt-tokens="true" />',
    backend: '<forward-request />',
  });

  async function start(stores: string): Promise<RunningGateway> {
    const dir = writeFixture({ 'apimx.yaml': config(`apimx-test-${randomUUID()}:`, stores), 'api.xml': TINY_LIMIT });
    const gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, env: { REDIS_URL } });
    gateways.push(gateway);
    return gateway;
  }

  async function chat(gateway: RunningGateway, stream = false): Promise<{ status: number; backend: string | null; body: string }> {
    const res = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me about the weather in Paris today.' }], max_tokens: 5, stream }),
    });
    return { status: res.status, backend: res.headers.get('x-mock-backend'), body: await res.text() };
  }

  const unreachable = ', url: "redis://127.0.0.1:1", connectTimeoutMs: 200';

  it('the same request is refused while Redis answers (the contrast): 429', async () => {
    // A generous deadline: on a loaded machine a slow answer must not pass for an outage.
    const gateway = await start(', commandTimeoutMs: 5000');
    expect((await chat(gateway)).status).toBe(429);
  });

  it('unreachable, onUnavailable open: 200 from the backend, streamed or not', async () => {
    const gateway = await start(`${unreachable}, onUnavailable: open`);
    const plain = await chat(gateway);
    expect(plain).toMatchObject({ status: 200, backend: 'm' });
    expect(JSON.parse(plain.body)).toMatchObject({ object: 'chat.completion' });
    const streamed = await chat(gateway, true);
    expect(streamed).toMatchObject({ status: 200, backend: 'm' });
    expect(streamed.body).toContain('data: [DONE]');
  });

  it('unreachable, onUnavailable closed: 503 with an APIM-style body, the backend not called', async () => {
    const gateway = await start(`${unreachable}, onUnavailable: closed`);
    for (const stream of [false, true]) {
      const res = await chat(gateway, stream);
      expect(res.status).toBe(503);
      expect(res.backend).toBeNull();
      expect(JSON.parse(res.body)).toEqual({ statusCode: 503, message: 'The gateway cannot reach its shared counter store. Try again later.' });
    }
  });

  it('stalled (connected, no answers), closed: 503 once the command deadline passes; open: 200; both again once Redis answers', async () => {
    proxy = await TcpProxy.start(REDIS_URL);
    // The deadline is what a stalled Redis costs each request; generous enough that a loaded machine's slow
    // answers after the restore are not taken for an outage.
    const through = `, url: "${proxy.url(REDIS_URL)}", commandTimeoutMs: 1000`;
    const closed = await start(`${through}, onUnavailable: closed`);
    const open = await start(`${through}, onUnavailable: open`);
    proxy.stall();
    const refused = await chat(closed);
    expect(refused.status).toBe(503);
    expect(JSON.parse(refused.body)).toMatchObject({ statusCode: 503 });
    expect(refused.backend).toBeNull();
    expect(await chat(open)).toMatchObject({ status: 200, backend: 'm' });
    proxy.restore();
    // Redis answers again: the limit is enforced again on both (the prompt is over 10 tokens a minute).
    expect((await chat(closed)).status).toBe(429);
    expect((await chat(open)).status).toBe(429);
  });
});
