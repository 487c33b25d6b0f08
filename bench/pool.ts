// A three-backend load-balanced pool (round-robin, circuit breakers armed) behind apimx, against a raw node:http
// proxy to one of the same mock upstreams, in one run: requests/s, p50, p99 and the apimx/raw ratio.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../packages/gateway/src/index.ts';
import { startMockBackend } from '../packages/gateway/src/mock/index.ts';
import { compareAlternating, ratioLine, resultLine, ROUNDS, ROUNDS_TEXT, startRawProxy, type LoadOptions } from './load.ts';

const LOAD: Omit<LoadOptions, 'seconds'> = {
  path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
  body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(900) }] }),
  connections: 50,
};

const POLICY = `<policies>
  <inbound><base /><set-backend-service backend-id="pool" /></inbound>
  <backend>
    <retry count="2" interval="0" first-fast-retry="true" condition="@(context.Response.StatusCode == 429 || context.Response.StatusCode == 503)">
      <set-backend-service backend-id="pool" />
      <forward-request buffer-request-body="true" />
    </retry>
  </backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;

export async function benchPool(): Promise<string[]> {
  const mocks = await Promise.all(['a', 'b', 'c'].map((name) => startMockBackend({ name: `pool-${name}` })));
  const raw = await startRawProxy(mocks[0]!.url);
  const dir = mkdtempSync(join(tmpdir(), 'apimx-bench-pool-'));
  const breaker = `circuitBreaker: { rules: [{ name: trip-on-429, failureCondition: { count: 3, interval: PT10S, statusCodeRanges: [{ min: 429, max: 429 }] }, tripDuration: PT10S, acceptRetryAfter: true }] }`;
  writeFileSync(join(dir, 'policy.xml'), POLICY);
  writeFileSync(
    join(dir, 'apimx.yaml'),
    [
      'backends:',
      ...mocks.map((m, i) => `  m${i}: { url: "${m.url}/openai", ${breaker} }`),
      '  pool: { type: Pool, pool: { services: [{ id: m0 }, { id: m1 }, { id: m2 }] } }',
      'apis:',
      `  aoai: { path: openai, serviceUrl: "${mocks[0]!.url}/openai", subscriptionRequired: false, operations: azure-openai, policy: policy.xml }`,
      '',
    ].join('\n'),
  );
  // Request traces on, as `apimx start` runs by default (traceCapacity 100).
  const gateway = await startGateway({ config: join(dir, 'apimx.yaml'), port: 0 });
  try {
    // Each member's share of the last apimx round (the raw proxy sends everything to the first member).
    let before = mocks.map((m) => m.stats.requests);
    const c = await compareAlternating(raw.url, gateway.url, LOAD, { ...ROUNDS, beforeApimx: () => (before = mocks.map((m) => m.stats.requests)) });
    const shares = mocks.map((m, i) => m.stats.requests - before[i]!);
    return [
      `  autocannon: ${LOAD.connections} connections, ${ROUNDS_TEXT}; ~1 KB chat request`,
      resultLine('raw node:http proxy', c.raw),
      resultLine('apimx, 3-backend pool', c.apimx),
      ratioLine(c),
      `  requests per pool member during the last apimx round: ${shares.join(' / ')}`,
    ];
  } finally {
    await gateway.close({ timeoutMs: 2000 });
    await raw.close();
    await Promise.all(mocks.map((m) => m.close()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchPool()) console.log(line);
}
