// The semantic cache's cost: one vector-store lookup against 1,000 cached prompts (1536-dimension embeddings, as
// text-embedding-3-small gives), for the mock's embeddings (hashed words and trigrams) and for dense random
// vectors (real embeddings are dense), a hit and a miss at the recommended threshold 0.05 and the labs' 0.8;
// the Redis store's lookup (an incremental sync and a value read: two round trips); and a whole cache hit
// through the runtime, the embeddings call to the mock on loopback included, next to a miss forwarded to it.
// Measures only; `npm run bench semantic` prints the lines.
import { performance } from 'node:perf_hooks';
import { startMockBackend } from '../packages/gateway/src/mock/index.ts';
import { embedText } from '../packages/gateway/src/mock/embedding-vector.ts';
import { MemoryBackendRegistry } from '../packages/runtime/src/backends/registry.ts';
import { parsePolicyDocument, type PoliciesDocument } from '../packages/parser/src/index.ts';
import { HeaderMap } from '../packages/runtime/src/http/header-map.ts';
import { readBody } from '../packages/runtime/src/http/read-body.ts';
import { memoryServices } from '../packages/runtime/src/memory-services.ts';
import { Runtime } from '../packages/runtime/src/runtime.ts';
import { MemoryVectorStore } from '../packages/runtime/src/stores/memory-vector-store.ts';
import { createRedisStores } from '../packages/runtime/src/stores/redis/create-redis-stores.ts';
import type { VectorStore } from '../packages/runtime/src/stores/vector-store.ts';

const ENTRIES = 1000;
const WIDTH = 1536;
const TOPICS = ['invoices', 'the weather in Paris', 'password resets', 'shipping delays', 'the quarterly report', 'API keys', 'holiday rota', 'the cafeteria menu'];

function prompt(i: number): string {
  return `Question ${i}: what should I know about ${TOPICS[i % TOPICS.length]} for customer ${i * 7919} in region ${i % 13}?`;
}

function randomUnit(seed: number): Float32Array {
  let s = seed >>> 0 || 1;
  const v = new Float32Array(WIDTH);
  let sum = 0;
  for (let i = 0; i < WIDTH; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const x = ((s >>> 0) / 4294967296) * 2 - 1;
    v[i] = x;
    sum += x * x;
  }
  const k = 1 / Math.sqrt(sum);
  for (let i = 0; i < WIDTH; i++) v[i]! *= k;
  return v;
}

/** `base` moved a little: cosine distance ~0.01. */
function nudged(base: Float32Array, seed: number): Float32Array {
  const noise = randomUnit(seed);
  return base.map((x, i) => x + 0.14 * noise[i]!);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function perLookupUs(store: VectorStore, vector: Float32Array, threshold: number, rounds: number): Promise<{ us: number; hit: boolean }> {
  // Median of many: this machine is shared, single runs are noisy.
  let hit = false;
  for (let i = 0; i < 20; i++) hit = (await store.nearest('p', vector, threshold)) !== undefined;
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await store.nearest('p', vector, threshold);
    times.push((performance.now() - t0) * 1000);
  }
  return { us: median(times), hit };
}

export async function benchSemanticCache(): Promise<string[]> {
  const lines = [`  ${ENTRIES} entries of ${WIDTH} dimensions in one partition; median µs per lookup`];
  const mockVectors = new MemoryVectorStore();
  const dense = new MemoryVectorStore();
  const denseBase: Float32Array[] = [];
  for (let i = 0; i < ENTRIES; i++) {
    mockVectors.add('p', `k${i}`, embedText(prompt(i), WIDTH), { i }, 3600);
    denseBase.push(randomUnit(i + 1));
    dense.add('p', `k${i}`, denseBase[i]!, { i }, 3600);
  }
  const cases: [string, VectorStore, Float32Array][] = [
    ['mock embeddings, a paraphrase of an entry', mockVectors, embedText(prompt(500).replace('what should I know about', 'what do I need to know about'), WIDTH)],
    ['mock embeddings, an unrelated prompt', mockVectors, embedText('Write a haiku about autumn leaves falling.', WIDTH)],
    ['dense vectors, near an entry', dense, nudged(denseBase[500]!, 99_999)],
    ['dense vectors, near none', dense, randomUnit(123_456)],
  ];
  for (const threshold of [0.05, 0.8]) {
    for (const [label, store, vector] of cases) {
      const { us, hit } = await perLookupUs(store, vector, threshold, 200);
      lines.push(`  memory, threshold ${threshold}, ${label}: ${us.toFixed(0)} µs (${hit ? 'hit' : 'miss'})`);
    }
  }

  try {
    const redis = await createRedisStores({ url: process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379', keyPrefix: `apimx-bench:${process.pid}:`, initialConnectWaitMs: 500, autoRenewLeases: false });
    try {
      if (!redis.connected) throw new Error('Redis does not answer');
      for (let i = 0; i < ENTRIES; i++) await redis.vectors.add('p', `k${i}`, embedText(prompt(i), WIDTH), { i }, 120);
      const first = performance.now();
      await redis.vectors.nearest('p', embedText(prompt(1), WIDTH), 0.05);
      const firstMs = performance.now() - first;
      await redis.vectors.settled();
      lines.push(`  redis, first lookup of the partition on this instance: ${firstMs.toFixed(0)} ms (one page of 128 vectors); the rest copied in the background: ${(performance.now() - first).toFixed(0)} ms in all`);
      const redisCases: [string, Float32Array][] = [['mock embeddings, the same prompt as an entry', embedText(prompt(500), WIDTH)], [cases[1]![0], cases[1]![2]]];
      for (const [label, vector] of redisCases) {
        const { us, hit } = await perLookupUs(redis.vectors, vector, 0.05, 200);
        lines.push(`  redis, threshold 0.05, ${label}: ${us.toFixed(0)} µs (${hit ? 'hit: sync + value read' : 'miss: sync only'})`);
      }
    } finally {
      await redis.connection.send(['EVAL', "for _, k in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', k) end return 0", '0', `apimx-bench:${process.pid}:*`]).catch(() => undefined);
      await redis.close();
    }
  } catch (error) {
    lines.push(`  redis: not measured (${(error as Error).message})`);
  }

  lines.push(...(await endToEnd()));
  return lines;
}

function parse(xml: string): PoliciesDocument {
  const { document, errors } = parsePolicyDocument(xml, { file: 'bench.xml', namedValues: {} });
  if (errors.length > 0 || document?.kind !== 'policies') throw new Error(errors.map((e) => e.message).join('\n'));
  return document;
}

/** One request through the runtime: a cache hit (embeddings call + lookup + replay) and a miss (also forwarded). */
async function endToEnd(): Promise<string[]> {
  const mock = await startMockBackend({ name: 'semantic-bench' });
  try {
    const services = { ...memoryServices(), backends: new MemoryBackendRegistry({ emb: { url: `${mock.url}/openai/deployments/text-embedding-3-small/embeddings` } }) };
    const runtime = new Runtime({ services });
    const pipeline = runtime.load([
      { scope: 'global', document: parse('<policies><inbound /><backend><forward-request /></backend><outbound /><on-error /></policies>') },
      { scope: 'operation', document: parse('<policies><inbound><base /><llm-semantic-cache-lookup score-threshold="0.05" embeddings-backend-id="emb" embeddings-backend-auth="system-assigned" /></inbound><outbound><llm-semantic-cache-store duration="3600" /><base /></outbound></policies>') },
    ]);
    const path = '/openai/deployments/gpt-4o/chat/completions';
    const send = async (content: string): Promise<number> => {
      const t0 = performance.now();
      const response = await runtime.handle(
        pipeline,
        { method: 'POST', url: `https://apimx.local${path}`, headers: new HeaderMap({ 'content-type': 'application/json' }), body: Buffer.from(JSON.stringify({ messages: [{ role: 'user', content }] })), clientIp: '127.0.0.1' },
        { api: null, operation: null, product: null, subscription: null, user: null, serviceUrl: mock.url, backendUrl: `${mock.url}${path}` },
      );
      await readBody(response.body);
      return (performance.now() - t0) * 1000;
    };
    for (let i = 0; i < ENTRIES; i++) await send(prompt(i));
    for (let i = 0; i < 50; i++) await send(prompt(i));
    const hits: number[] = [];
    for (let i = 0; i < 300; i++) hits.push(await send(prompt(i % ENTRIES)));
    const misses: number[] = [];
    for (let i = 0; i < 300; i++) misses.push(await send(`A brand new question number ${i} about ${TOPICS[i % TOPICS.length]} and nothing else`));
    return [
      `  through the runtime, ${ENTRIES} cached prompts, embeddings from the mock on loopback: a hit ${median(hits).toFixed(0)} µs, a miss (embedded, forwarded, stored) ${median(misses).toFixed(0)} µs (median of 300)`,
    ];
  } finally {
    await mock.close();
  }
}
