// apimx with a pass-through policy against a raw node:http pipe proxy, both in front of the same mock upstream
// (the built-in mock backend), driven by autocannon in a worker thread so the load generator does not share
// the proxies' event loop. Reports requests/s, p50, p99 and the apimx/raw ratio (target >= 0.8).
import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend } from '../packages/gateway/src/mock/index.ts';
import { startGateway } from '../packages/gateway/src/index.ts';

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const WARMUP_S = 2;
const MEASURE_S = 6;
const TARGET = 0.8;
const PATH = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';
const BODY = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(900) }] });

function rawProxy(upstream: string): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(upstream);
  return http.createServer((req, res) => {
    const out = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(out);
  });
}

async function measure(url: string, seconds: number): Promise<AutocannonResult> {
  return autocannon({
    url: url + PATH,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    duration: seconds,
    workers: 1,
  });
}

export async function benchGateway(): Promise<string[]> {
  const mock = await startMockBackend({ name: 'bench-upstream' });
  const raw = rawProxy(mock.url);
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const rawUrl = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  const dir = mkdtempSync(join(tmpdir(), 'apimx-bench-'));
  writeFileSync(
    join(dir, 'apimx.yaml'),
    `apis:\n  aoai: { path: openai, serviceUrl: "${mock.url}/openai", subscriptionRequired: false, operations: azure-openai }\n`,
  );
  // No `policy:`: the default global policy, <backend><forward-request buffer-response="false" /></backend>, a pure pass-through.
  const gateway = await startGateway({ config: join(dir, 'apimx.yaml'), port: 0, traceCapacity: 100 });
  try {
    await measure(rawUrl, WARMUP_S);
    await measure(gateway.url, WARMUP_S);
    const rawRun = await measure(rawUrl, MEASURE_S);
    const apimxRun = await measure(gateway.url, MEASURE_S);
    const ratio = apimxRun.requests.average / rawRun.requests.average;
    const line = (name: string, r: AutocannonResult): string =>
      `  ${name.padEnd(22)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   errors ${r.errors + r.non2xx}`;
    return [
      `  autocannon: ${CONNECTIONS} connections, ${MEASURE_S} s each after ${WARMUP_S} s warm-up; ~1 KB chat request to the mock upstream`,
      line('raw node:http proxy', rawRun),
      line('apimx pass-through', apimxRun),
      `  apimx/raw requests/s: ${ratio.toFixed(2)} (target >= ${TARGET}: ${ratio >= TARGET ? 'met' : 'NOT met'})`,
    ];
  } finally {
    await gateway.close({ timeoutMs: 2000 });
    await new Promise<void>((resolve) => {
      raw.close(() => resolve());
      raw.closeAllConnections();
    });
    await mock.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchGateway()) console.log(line);
}
