// What `npm start` serves (examples/ai-gateway) over a real socket: the token limit with estimation and the token
// metrics in front of the built-in mock, seen in response headers, the Prometheus scrape and the usage summary.
import { resolve } from 'node:path';
import type { UsageReport } from '@apimx/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';

const EXAMPLE = resolve(import.meta.dirname, '../../../../examples/ai-gateway/apimx.yaml');
const CHAT = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';

describe('examples/ai-gateway', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ config: EXAMPLE, port: 0 });
  });

  afterAll(async () => {
    await gateway?.close({ timeoutMs: 1000 });
  });

  function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  }

  const hello = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ model: 'gpt-4o', messages: [{ role: 'user', content }], ...extra });

  it('counts tokens per subscription and reports them in headers', async () => {
    const res = await post(CHAT, hello('Hello'), { 'api-key': 'team-a-key' });
    expect(res.status).toBe(200);
    const usage = ((await res.json()) as { usage: { total_tokens: number } }).usage;
    // tokens-consumed: the backend's total; remaining: 5,000 a minute and 200,000 a day less what was taken.
    expect(Number(res.headers.get('x-tokens-consumed'))).toBe(usage.total_tokens);
    expect(Number(res.headers.get('x-ratelimit-remaining-tokens'))).toBeLessThan(5000);
    expect(Number(res.headers.get('x-quota-remaining-tokens'))).toBeLessThan(200_000);
  });

  it('refuses a prompt estimated over the minute limit with 429 and Retry-After, before the backend', async () => {
    const res = await post(CHAT, hello('word '.repeat(6000)), { 'api-key': 'team-a-key-2' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('x-mock-backend')).toBeNull();
    expect(((await res.json()) as { statusCode: number }).statusCode).toBe(429);
  });

  it('emits token metrics with their dimensions, streaming with and without the usage chunk included', async () => {
    const key = { 'api-key': 'master-key' };
    await (await post('/openai/deployments/gpt-4o-mini/chat/completions?api-version=2024-10-21', hello('Count me'), key)).text();
    const withUsage = await post('/v1/chat/completions', hello('Stream me', { stream: true, stream_options: { include_usage: true } }));
    expect(withUsage.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await withUsage.text();
    await (await post('/v1/chat/completions', hello('Stream me too', { stream: true }))).text();

    const text = await (await fetch(`${gateway.url}/apimx/metrics`)).text();
    expect(text).toMatch(/^openai_total_tokens_total\{subscription_id="all-apis",api_id="aoai",operation_id="ChatCompletions_Create",deployment="gpt-4o-mini"\} \d+$/m);
    const v1 = /^openai_total_tokens_total\{api_id="openai-v1",client_ip="127\.0\.0\.1",operation_id="createChatCompletion"\} (\d+)$/m.exec(text);
    expect(Number(v1?.[1])).toBeGreaterThan(0);

    const report = (await (await fetch(`${gateway.url}/apimx/usage?groupBy=${encodeURIComponent('API ID')}`)).json()) as UsageReport;
    const byApi = Object.fromEntries(report.rows.map((row) => [row.group['API ID'], row]));
    // Two streams on v1, both counted (one from its usage chunk, one estimated from its deltas).
    expect(byApi['openai-v1']!.requests).toBe(2);
    expect(byApi['openai-v1']!.total).toBe(Number(v1![1]));
    expect(byApi['aoai']!.requests).toBeGreaterThanOrEqual(1);
  });

  it('a Prometheus scrape over HTTP shows Total, Prompt and Completion Tokens with their dimension labels, summed from real requests', async () => {
    // A deployment name no other test uses, so these series hold exactly these requests.
    const path = '/openai/deployments/gpt-4.1-scrape/chat/completions?api-version=2024-10-21';
    const sums = { prompt: 0, completion: 0, total: 0 };
    for (const content of ['Hello there', 'How many tokens is this one?']) {
      const res = await post(path, hello(content), { 'api-key': 'master-key' });
      expect(res.status).toBe(200);
      const usage = ((await res.json()) as { usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } }).usage;
      sums.prompt += usage.prompt_tokens;
      sums.completion += usage.completion_tokens;
      sums.total += usage.total_tokens;
    }
    expect(sums.prompt).toBeGreaterThan(0);
    expect(sums.completion).toBeGreaterThan(0);
    expect(sums.total).toBe(sums.prompt + sums.completion);

    const res = await fetch(`${gateway.url}/apimx/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    // APIM's metric names and dimension names as Prometheus names and labels (packages/runtime/src/metrics/README.md).
    const labels = '{subscription_id="all-apis",api_id="aoai",operation_id="ChatCompletions_Create",deployment="gpt-4.1-scrape"}';
    const series = (metric: string): number | undefined => {
      const line = text.split('\n').find((l) => l.startsWith(`${metric}${labels} `));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    };
    expect(series('openai_total_tokens_total')).toBe(sums.total);
    expect(series('openai_prompt_tokens_total')).toBe(sums.prompt);
    expect(series('openai_completion_tokens_total')).toBe(sums.completion);
    for (const metric of ['openai_total_tokens_total', 'openai_prompt_tokens_total', 'openai_completion_tokens_total']) {
      expect(text.split('\n')).toContain(`# TYPE ${metric} counter`);
    }
  });

  it('no cors policy, as in APIM: a browser preflight gets 401 on /openai (no key) and goes to the backend on /v1', async () => {
    const preflight = { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,api-key' };
    const aoai = await fetch(`${gateway.url}${CHAT}`, { method: 'OPTIONS', headers: preflight });
    expect(aoai.status).toBe(401);
    expect(aoai.headers.get('access-control-allow-origin')).toBeNull();
    // Routed to createChatCompletion and forwarded: the answer is the mock's own, not the gateway's 404.
    const v1 = await fetch(`${gateway.url}/v1/chat/completions`, { method: 'OPTIONS', headers: preflight });
    expect(v1.headers.get('access-control-allow-origin')).toBeNull();
    expect(((await v1.json()) as { error: { message: string } }).error.message).toBe('Invalid URL (OPTIONS /v1/chat/completions)');
  });
});
