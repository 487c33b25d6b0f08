// examples/ai-gateway's Azure OpenAI policy (token limit with prompt estimation plus token metrics, retry, trace)
// behind apimx, against a raw node:http proxy to the same mock upstream, in one run. The limits are raised so
// that the benchmark measures the policy's cost, not its refusals (target: at least 0.7 of the raw proxy).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGateway } from '../packages/gateway/src/index.ts';
import { startMockBackend } from '../packages/gateway/src/mock/index.ts';
import { compareAlternating, ratioLine, resultLine, ROUNDS, ROUNDS_TEXT, startRawProxy, type LoadOptions } from './load.ts';

const POLICIES = new URL('../policies/ai-gateway/', import.meta.url).pathname;
const TARGET = 0.7;

const LOAD: Omit<LoadOptions, 'seconds'> = {
  path: '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
  body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Summarise the weather in Paris. '.repeat(28) }] }),
  headers: { 'api-key': 'bench-key' },
  connections: 50,
};

export async function benchAiGateway(): Promise<string[]> {
  const mock = await startMockBackend({ name: 'ai-bench-upstream' });
  const raw = await startRawProxy(mock.url);
  const dir = mkdtempSync(join(tmpdir(), 'apimx-bench-ai-'));
  const policy = readFileSync(join(POLICIES, 'aoai-api.xml'), 'utf8')
    .replace('tokens-per-minute="5000"', 'tokens-per-minute="1000000000"')
    .replace('token-quota="200000"', 'token-quota="1000000000000"');
  writeFileSync(join(dir, 'aoai-api.xml'), policy);
  writeFileSync(
    join(dir, 'apimx.yaml'),
    [
      'backends:',
      `  aoai-backend: { url: "${mock.url}/openai" }`,
      'apis:',
      `  aoai: { path: openai, serviceUrl: "${mock.url}/openai", subscriptionRequired: true, subscriptionKeyParameterNames: { header: api-key, query: api-key }, operations: azure-openai, policy: aoai-api.xml }`,
      'subscriptions:',
      '  bench: { scope: /apis, primaryKey: bench-key }',
      `policy: ${join(POLICIES, 'global.xml')}`,
      '',
    ].join('\n'),
  );
  // Request traces on, as `apimx start` runs by default (traceCapacity 100).
  const gateway = await startGateway({ config: join(dir, 'apimx.yaml'), port: 0 });
  try {
    const c = await compareAlternating(raw.url, gateway.url, LOAD, ROUNDS);
    return [
      `  autocannon: ${LOAD.connections} connections, ${ROUNDS_TEXT}; ~1 KB chat request (≈200 prompt tokens; the same prompt every time, so its estimate comes from the encoder's count cache)`,
      resultLine('raw node:http proxy', c.raw),
      resultLine('apimx, AI gateway policy', c.apimx),
      ratioLine(c, TARGET),
    ];
  } finally {
    await gateway.close({ timeoutMs: 2000 });
    await raw.close();
    await mock.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await benchAiGateway()) console.log(line);
}
