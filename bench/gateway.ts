// apimx with a pass-through policy against a raw node:http pipe proxy, both in front of the same mock upstream
// (the built-in mock backend), driven by autocannon in a worker thread so the load generator does not share
// the proxies' event loop. Reports requests/s, p50, p99 and the apimx/raw ratio (target >= 0.8).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockBackend } from '../packages/gateway/src/mock/index.ts';
import { startGateway } from '../packages/gateway/src/index.ts';
import { compareAlternating, ratioLine, resultLine, ROUNDS, ROUNDS_TEXT, startRawProxy, type LoadOptions } from './load.ts';

const TARGET = 0.8;
const LOAD: Omit<LoadOptions, 'seconds'> = {
  path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
  body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(900) }] }),
  connections: 50,
};

export async function benchGateway(): Promise<string[]> {
  const mock = await startMockBackend({ name: 'bench-upstream' });
  const raw = await startRawProxy(mock.url);
  const dir = mkdtempSync(join(tmpdir(), 'apimx-bench-'));
  writeFileSync(
    join(dir, 'apimx.yaml'),
    `apis:\n  aoai: { path: openai, serviceUrl: "${mock.url}/openai", subscriptionRequired: false, operations: azure-openai }\n`,
  );
  // No `policy:`: the default global policy, <backend><forward-request buffer-response="false" /></backend>, a pure pass-through.
  // Request traces on, as `apimx start` runs by default (traceCapacity 100).
  const gateway = await startGateway({ config: join(dir, 'apimx.yaml'), port: 0 });
  try {
    const c = await compareAlternating(raw.url, gateway.url, LOAD, ROUNDS);
    return [
      `  autocannon: ${LOAD.connections} connections, ${ROUNDS_TEXT}; ~1 KB chat request to the mock upstream`,
      resultLine('raw node:http proxy', c.raw),
      resultLine('apimx pass-through', c.apimx),
      ratioLine(c, TARGET),
    ];
  } finally {
    await gateway.close({ timeoutMs: 2000 });
    await raw.close();
    await mock.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchGateway()) console.log(line);
}
