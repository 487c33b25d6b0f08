// Streaming through the gateway, with and without the usage chunk: llm-token-limit's counter takes exactly the
// tokens of each stream (from the usage chunk, or estimated from the deltas) and the token metrics sum them.
// One gateway learns a stream's usage; fresh gateways then get a tokens-per-minute that the sequence
// "stream with usage, stream without, one more request" fits exactly, and one token less.
import { ManualClock, memoryServices, type UsageReport } from '@apimx/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

const BODY = { model: 'gpt-4o', messages: [{ role: 'user', content: 'Describe the sea in three short sentences.' }], max_tokens: 40 };

const gateways: RunningGateway[] = [];
afterEach(async () => {
  await Promise.all(gateways.splice(0).map((gateway) => gateway.close({ timeoutMs: 1000 })));
});

async function gatewayWith(tpm: number): Promise<RunningGateway> {
  const dir = writeFixture({
    'apimx.yaml': 'mocks: [ { name: m } ]\napis:\n  v1: { path: v1, serviceUrl: "mock://m/v1", subscriptionRequired: false, operations: openai-v1, policy: api.xml }\n',
    'api.xml': policies({
      inbound: `<base />
        <llm-token-limit counter-key="k" tokens-per-minute="${tpm}" estimate-prompt-tokens="true" />
        <llm-emit-token-metric namespace="t"><dimension name="API ID" /></llm-emit-token-metric>`,
      backend: '<forward-request buffer-response="false" />',
    }),
  });
  // A clock that stands still: the bucket does not refill while the test runs.
  const gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, services: memoryServices(new ManualClock(Date.UTC(2026, 0, 1))) });
  gateways.push(gateway);
  return gateway;
}

async function post(gateway: RunningGateway, extra: Record<string, unknown>): Promise<{ status: number; text: string }> {
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...BODY, ...extra }),
  });
  return { status: res.status, text: await res.text() };
}

/** The usage chunk of an SSE stream. */
function streamUsage(text: string): { prompt_tokens: number; total_tokens: number } {
  const chunks = text.split('\n').filter((line) => line.startsWith('data: {')).map((line) => JSON.parse(line.slice(6)) as { usage?: { prompt_tokens: number; total_tokens: number } });
  const usage = chunks.find((chunk) => chunk.usage)?.usage;
  if (!usage) throw new Error('no usage chunk');
  return usage;
}

const WITH_USAGE = { stream: true, stream_options: { include_usage: true } };
const WITHOUT_USAGE = { stream: true };

describe('token accounting of streams through the gateway', () => {
  it('counts a stream with its usage chunk and one without it the same, in the limit and in the metrics', async () => {
    const probe = await gatewayWith(1_000_000);
    const usage = streamUsage((await post(probe, WITH_USAGE)).text);
    const perStream = usage.total_tokens;
    const fits = 2 * perStream + usage.prompt_tokens;

    const exact = await gatewayWith(fits);
    expect((await post(exact, WITH_USAGE)).status).toBe(200);
    expect((await post(exact, WITHOUT_USAGE)).status).toBe(200);
    // The third request's prompt estimate is exactly what is left.
    expect((await post(exact, {})).status).toBe(200);

    const short = await gatewayWith(fits - 1);
    expect((await post(short, WITH_USAGE)).status).toBe(200);
    expect((await post(short, WITHOUT_USAGE)).status).toBe(200);
    expect((await post(short, {})).status).toBe(429);

    // The metrics of the two streams: the same total each.
    const report = (await (await fetch(`${short.url}/apimx/usage?groupBy=${encodeURIComponent('API ID')}`)).json()) as UsageReport;
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]!.requests).toBe(2);
    expect(report.rows[0]!.total).toBe(2 * perStream);
  });
});
