// Failures, latency and the /__mock/ control API, seen through the official SDK and plain fetch over real sockets.
// Time is never waited on: the backends get an injected `sleep` that records the delays and returns at once.
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend, type MockBackendOptions } from '../../src/mock/index.ts';

const started: MockBackend[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((b) => b.close()));
});

async function start(options: MockBackendOptions = {}): Promise<{ backend: MockBackend; sleeps: number[]; client: OpenAI }> {
  const sleeps: number[] = [];
  const backend = await startMockBackend({ sleep: async (ms) => void sleeps.push(ms), ...options });
  started.push(backend);
  return { backend, sleeps, client: new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 }) };
}

const HELLO = { model: 'gpt-4o', messages: [{ role: 'user' as const, content: 'Hello' }] };

function control(backend: MockBackend, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${backend.url}/__mock/${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe('failures by request header', () => {
  it('x-mock-status 429 is a RateLimitError with Retry-After, retry-after-ms and an OpenAI error body', async () => {
    const { client } = await start();
    const err = await client.chat.completions.create(HELLO, { headers: { 'x-mock-status': '429' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    const e = err as InstanceType<typeof OpenAI.RateLimitError>;
    expect(e.status).toBe(429);
    expect(e.headers.get('retry-after')).toBe('1');
    expect(e.headers.get('retry-after-ms')).toBe('1000');
    expect(e.code).toBe('rate_limit_exceeded');
    expect(e.type).toBe('requests');
    expect(e.requestID).toMatch(/^req_/);
  });

  it('x-mock-retry-after sets the delay', async () => {
    const { backend } = await start();
    const res = await fetch(`${backend.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'x-mock-status': '429', 'x-mock-retry-after': '7' },
      body: JSON.stringify(HELLO),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('retry-after-ms')).toBe('7000');
    expect(res.headers.get('x-ratelimit-reset-requests')).toBe('7');
    expect(res.headers.get('x-ratelimit-reset-tokens')).toBe('7');
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(Object.keys(body.error).sort()).toEqual(['code', 'message', 'param', 'type']);
  });

  it('x-mock-status 500 is an InternalServerError', async () => {
    const { client } = await start();
    const err = await client.chat.completions.create(HELLO, { headers: { 'x-mock-status': '500' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.InternalServerError);
    expect((err as InstanceType<typeof OpenAI.InternalServerError>).type).toBe('server_error');
  });

  it('x-mock-fail reset drops the connection: the SDK sees a connection error', async () => {
    const { backend, client } = await start();
    const err = await client.chat.completions.create(HELLO, { headers: { 'x-mock-fail': 'reset' } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(backend.stats.resets).toBe(1);
  });

  it('x-mock-fail mid-stream sends a few chunks, then drops the connection', async () => {
    const { backend, client } = await start();
    const stream = await client.chat.completions.create({ ...HELLO, stream: true }, { headers: { 'x-mock-fail': 'mid-stream' } });
    const received: string[] = [];
    const err = await (async () => {
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(received).toHaveLength(3);
    expect(backend.stats.resets).toBe(1);
  });

  it('a scripted mid-stream failure on a JSON request breaks the body off', async () => {
    const { backend, client } = await start();
    await control(backend, 'POST', 'failures', [{ fail: 'mid-stream' }]);
    await expect(client.chat.completions.create(HELLO)).rejects.toBeInstanceOf(Error);
    await expect(client.chat.completions.create(HELLO)).resolves.toMatchObject({ object: 'chat.completion' });
    expect(backend.stats.resets).toBe(1);
  });

  it('x-mock-fail-rate 1 fails with the configured status', async () => {
    const { client } = await start({ failStatus: 503 });
    const err = await client.chat.completions.create(HELLO, { headers: { 'x-mock-fail-rate': '1' } }).catch((e: unknown) => e);
    expect((err as InstanceType<typeof OpenAI.APIError>).status).toBe(503);
  });
});

describe('scripted failures', () => {
  it('POST /__mock/failures makes the next requests answer 429, then the backend recovers', async () => {
    const { backend, client } = await start();
    const queued = await control(backend, 'POST', 'failures', [{ status: 429, retryAfter: 30, count: 2 }]);
    expect(await queued.json()).toEqual({ failures: [{ status: 429, retryAfter: 30, count: 2 }] });
    for (let i = 0; i < 2; i++) {
      const err = await client.chat.completions.create(HELLO).catch((e: unknown) => e);
      expect((err as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('30');
    }
    expect(((await (await control(backend, 'GET', 'failures')).json()) as { failures: unknown[] }).failures).toEqual([]);
    await expect(client.chat.completions.create(HELLO)).resolves.toMatchObject({ object: 'chat.completion' });
    expect(backend.stats.byStatus).toEqual({ 429: 2, 200: 1 });
  });

  it('failures given at start are consumed in order: 500, reset, then success', async () => {
    const { backend, client } = await start({ failures: [{ status: 500 }, { fail: 'reset' }] });
    await expect(client.chat.completions.create(HELLO)).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(client.chat.completions.create(HELLO)).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await expect(client.chat.completions.create(HELLO)).resolves.toBeDefined();
    expect(backend.stats).toMatchObject({ requests: 3, resets: 1, byStatus: { 500: 1, 200: 1 } });
  });

  it('the SDK retries after a 429 whose retry-after-ms is 0, and succeeds', async () => {
    const { backend } = await start({ failures: [{ status: 429, retryAfter: 0 }] });
    const retrying = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 1 });
    await expect(retrying.chat.completions.create(HELLO)).resolves.toMatchObject({ object: 'chat.completion' });
    expect(backend.stats.byStatus).toEqual({ 429: 1, 200: 1 });
  });

  it('a request that scripts its own failure by header leaves the queue alone', async () => {
    const { backend, client } = await start({ failures: [{ status: 503 }] });
    await expect(client.chat.completions.create(HELLO, { headers: { 'x-mock-status': '429' } })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect(backend.handler.pendingFailures()).toEqual([{ status: 503, count: 1 }]);
  });

  it('a fail rate draws from the injected random source', async () => {
    const draws = [0.9, 0.1, 0.6];
    const { backend, client } = await start({ failRate: 0.5, random: () => draws.shift()! });
    const outcomes = [];
    for (let i = 0; i < 3; i++) outcomes.push(await client.chat.completions.create(HELLO).then(() => 'ok', (e: InstanceType<typeof OpenAI.APIError>) => e.status));
    expect(outcomes).toEqual(['ok', 500, 'ok']);
    expect(backend.stats.byStatus).toEqual({ 200: 2, 500: 1 });
  });

  it('rejects a malformed failure script with 400', async () => {
    const { backend } = await start();
    expect((await control(backend, 'POST', 'failures', [{ status: 'soon' }])).status).toBe(400);
    expect((await control(backend, 'POST', 'failures', [{ fail: 'explode' }])).status).toBe(400);
    expect(backend.handler.pendingFailures()).toEqual([]);
  });
});

describe('latency', () => {
  it('applies the configured delay to every request and counts it in stats', async () => {
    const { backend, sleeps, client } = await start({ latencyMs: 250 });
    await client.chat.completions.create(HELLO);
    await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    expect(sleeps).toEqual([250, 250]);
    expect(backend.stats.latency).toEqual({ applied: 2, totalMs: 500, lastMs: 250 });
  });

  it('x-mock-latency-ms overrides it per request; a scripted entry can carry its own', async () => {
    const { backend, sleeps, client } = await start({ latencyMs: 250, failures: [{ latencyMs: 900 }] });
    await client.chat.completions.create(HELLO);
    await client.chat.completions.create(HELLO, { headers: { 'x-mock-latency-ms': '40' } });
    expect(sleeps).toEqual([900, 40]);
    expect(backend.stats.byStatus).toEqual({ 200: 2 });
  });

  it('x-mock-chunk-delay-ms spaces the streamed events', async () => {
    const { sleeps, client } = await start();
    const stream = await client.chat.completions.create({ ...HELLO, stream: true }, { headers: { 'x-mock-chunk-delay-ms': '15' } });
    let chunks = 0;
    for await (const _ of stream) chunks += 1;
    // One pause after every event, [DONE] included.
    expect(sleeps).toEqual(new Array(chunks + 1).fill(15));
  });

  it('POST /__mock/config changes latency while running; POST /__mock/reset clears counters', async () => {
    const { backend, sleeps, client } = await start();
    await client.chat.completions.create(HELLO);
    expect(sleeps).toEqual([]);
    expect((await control(backend, 'POST', 'config', { latencyMs: 75 })).status).toBe(200);
    await client.chat.completions.create(HELLO);
    expect(sleeps).toEqual([75]);
    await control(backend, 'POST', 'reset');
    const stats = await (await control(backend, 'GET', 'stats')).json();
    expect(stats).toMatchObject({ requests: 0, byRoute: {}, latency: { applied: 0 } });
  });
});

describe('identity and keys', () => {
  it('every response names its backend, so two backends can be told apart', async () => {
    const a = await start({ name: 'east', region: 'East US' });
    const b = await start({ name: 'west' });
    const ra = await a.client.chat.completions.create(HELLO).withResponse();
    const rb = (await b.client.chat.completions.create(HELLO, { headers: { 'x-mock-status': '429' } }).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.RateLimitError>;
    expect(ra.response.headers.get('x-mock-backend')).toBe('east');
    expect(rb.headers.get('x-mock-backend')).toBe('west');
    expect(ra.response.headers.get('x-ms-region')).toBe('East US');
    expect(rb.headers.get('x-ms-region')).toBeNull();
    expect(rb.headers.get('x-request-id')).toMatch(/^req_/);
    expect((await (await control(a.backend, 'GET', 'health')).json())).toEqual({ status: 'ok', name: 'east' });
  });

  it('with apiKey set, a wrong key is a 401 AuthenticationError; Bearer and api-key both pass', async () => {
    const { backend, client } = await start({ apiKey: 'secret' });
    await expect(client.chat.completions.create(HELLO)).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const bearer = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'secret', maxRetries: 0 });
    await expect(bearer.chat.completions.create(HELLO)).resolves.toBeDefined();
    const res = await fetch(`${backend.url}/openai/deployments/gpt-4o/chat/completions`, {
      method: 'POST',
      headers: { 'api-key': 'secret' },
      body: JSON.stringify(HELLO),
    });
    expect(res.status).toBe(200);
  });

  it('a reply function given at start writes the reply', async () => {
    const { client } = await start({ reply: ({ model, lastUserText, route }) => `${route}|${model}|${lastUserText.toUpperCase()}` });
    const c = await client.chat.completions.create(HELLO);
    expect(c.choices[0]!.message.content).toBe('chat.completions|gpt-4o|HELLO');
  });

  it('answers unknown control routes with 404 and bad config with 400', async () => {
    const { backend } = await start();
    expect((await control(backend, 'GET', 'nothing')).status).toBe(404);
    expect((await control(backend, 'POST', 'config', { latencyMs: 'slow' })).status).toBe(400);
    expect(backend.stats.requests).toBe(0);
  });

  it('x-mock-reply forces the reply text', async () => {
    const { client } = await start();
    const c = await client.chat.completions.create(HELLO, { headers: { 'x-mock-reply': 'Paris.' } });
    expect(c.choices[0]!.message.content).toBe('Paris.');
    expect(c.usage!.completion_tokens).toBe(2);
  });
});
