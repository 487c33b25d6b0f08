// Two apimx PROCESSES (`apimx start`) sharing one Redis enforce one llm-token-limit: 20 concurrent clients on one
// counter key with estimate-prompt-tokens="true", spread over both.
//
// What is bounded, and what is not (APIM's rule, spec §3.1 items 5 and 8): the prompt estimate is charged at
// admission, atomically in Redis, and a request is admitted only when its estimate fits the bucket; completions are
// known only after the response and are recorded then, whatever the limit. So:
//   - tokens charged at admission <= tokens-per-minute + one request's worth (here even <= tokens-per-minute plus
//     what the bucket refilled while the burst ran: a token bucket never admits an estimate that does not fit);
//   - completions of requests in flight together are beyond any admission bound: prompts + completions may reach a
//     multiple of tokens-per-minute;
//   - after the burst the counter holds prompts + completions, so the next request is refused until the bucket has
//     refilled what the overshoot cost (its Retry-After says when).
// The processes run on the real clock, so the bounds allow what the bucket refills (tokens-per-minute / 60 000 per
// ms) between the burst's start and the moment the bucket was written, measured from the stored timestamps.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { createRedisStores, tokens, type RedisStores } from '@apimx/runtime';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

const REPO = join(import.meta.dirname, '../../../..');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const TPM = 300;
const RATE_PER_MS = TPM / 60_000;

const children: ChildProcess[] = [];
let mock: MockBackend | undefined;
let redis: RedisStores | undefined;
afterAll(async () => {
  await Promise.all(children.map(stopProcess));
  await mock?.close();
  await redis?.close();
});

/**
 * `apimx start` as node itself runs it (`node --import tsx main.ts`, no npx or tsx wrapper in between), so the
 * SIGTERM the test sends reaches the gateway and nothing is left running; resolves with its URL once it listens.
 */
function startProcess(config: string): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/gateway/src/cli/main.ts', 'start', '--config', config, '--port', '0'], {
    cwd: REPO,
    env: { ...process.env, REDIS_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`apimx did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+) /.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => reject(new Error(`apimx exited with ${code}:\n${output}`)));
  });
}

/** SIGTERM, then SIGKILL if the gateway has not exited within 10 s; resolves once it has exited. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

interface Outcome {
  status: number;
  prompt: number;
  completion: number;
  retryAfter: number | null;
}

/** The bucket as Redis holds it: tokens left (negative after an overshoot) at time `at` (ms, the gateways' clock). */
async function readBucket(stores: RedisStores, key: string): Promise<{ tokens: number; at: number }> {
  const [tokens, at] = (await stores.connection.send(['HMGET', key, 't', 'a'])) as [string | null, string | null];
  if (tokens === null || at === null) throw new Error(`no bucket at ${key}`);
  return { tokens: Number(tokens), at: Number(at) };
}

describe('llm-token-limit across two apimx processes sharing Redis', () => {
  it('20 concurrent clients on one key: prompts charged at admission within tokens-per-minute + one request; the key then holds prompts + completions and refuses until it refills', async () => {
    mock = await startMockBackend({ name: 'shared-upstream' });
    const prefix = `apimx-test-${randomUUID()}:`;
    const stores = await createRedisStores({ url: REDIS_URL, keyPrefix: prefix });
    redis = stores;
    const bucketKey = `${prefix}bucket:tpm-bucket\u0000llm-token-limit\u0000shared-app`;
    // A generous command deadline: on a loaded machine a slow answer must not pass for an outage (which would fail open).
    const dir = writeFixture({
      'apimx.yaml': `apis:\n  v1: { path: v1, serviceUrl: "${mock.url}/v1", subscriptionRequired: false, operations: openai-v1, policy: api.xml }\nstores: { type: redis, keyPrefix: "${prefix}", commandTimeoutMs: 5000 }\n`,
      'api.xml': policies({
        inbound: `<base /><llm-token-limit counter-key="shared-app" tokens-per-minute="${TPM}" estimate-prompt-tokens="true" />`,
        backend: '<forward-request />',
      }),
    });
    const urls = await Promise.all([startProcess(join(dir, 'apimx.yaml')), startProcess(join(dir, 'apimx.yaml'))]);
    const request = (i: number) => ({ model: 'gpt-4o', messages: [{ role: 'user', content: `Client ${i}: tell me about the weather in Paris today.` }], max_tokens: 20 });
    const call = async (i: number): Promise<Outcome> => {
      const res = await fetch(`${urls[i % 2]}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request(i)),
      });
      const body = (await res.json()) as { usage?: { prompt_tokens: number; completion_tokens: number } };
      const retryAfter = res.headers.get('retry-after');
      return { status: res.status, prompt: body.usage?.prompt_tokens ?? 0, completion: body.usage?.completion_tokens ?? 0, retryAfter: retryAfter === null ? null : Number(retryAfter) };
    };

    const burstStart = Date.now();
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)));
    const admitted = outcomes.filter((o) => o.status === 200);
    expect(outcomes.every((o) => o.status === 200 || o.status === 429)).toBe(true);
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.length).toBeLessThan(20);
    // The mock reports the prompt apimx estimates (the same counting rule): what admission charged is the sum of
    // the admitted prompts, and reconciliation after each response adds exactly its completion.
    const charged = admitted.reduce((sum, o) => sum + o.prompt, 0);
    const completions = admitted.reduce((sum, o) => sum + o.completion, 0);
    const used = charged + completions;
    const oneRequest = Math.max(...admitted.map((o) => o.prompt));

    // Each completion is recorded just after its client has the body: wait until the last one has landed (the
    // bucket then holds at least prompts + completions less what refilled since the burst began).
    let afterBurst = await readBucket(stores, bucketKey);
    await vi.waitFor(async () => {
      afterBurst = await readBucket(stores, bucketKey);
      expect(TPM - afterBurst.tokens).toBeGreaterThanOrEqual(used - (afterBurst.at - burstStart) * RATE_PER_MS);
    }, { timeout: 5000, interval: 20 });
    const refilledDuringBurst = (afterBurst.at - burstStart) * RATE_PER_MS;
    expect(refilledDuringBurst).toBeGreaterThanOrEqual(0);
    // Admission bound: what the minute admitted on estimates.
    expect(charged).toBeLessThanOrEqual(TPM + oneRequest);
    expect(charged).toBeLessThanOrEqual(TPM + refilledDuringBurst);
    // Completions of requests in flight together are beyond it: here the key used more than tokens-per-minute.
    expect(used).toBeGreaterThan(TPM);
    // The counter holds prompts + completions, less only what refilled since the burst began.
    const held = TPM - afterBurst.tokens;
    expect(held).toBeLessThanOrEqual(used);
    expect(held).toBeGreaterThanOrEqual(used - refilledDuringBurst);

    // The next request is refused, on either process, until the bucket has refilled what the overshoot cost: its
    // Retry-After is the time for the bucket (as the refusal left it, written back with its time) to hold its prompt.
    const next = await call(99);
    expect(next.status).toBe(429);
    const atRefusal = await readBucket(stores, bucketKey);
    const nextPrompt = (await tokens.estimatePromptTokens(request(99))).tokens;
    expect(next.retryAfter).toBe(Math.max(1, Math.ceil((nextPrompt - atRefusal.tokens) / RATE_PER_MS / 1000)));
    expect(next.retryAfter!).toBeGreaterThan(((used - TPM) / TPM) * 60 - (atRefusal.at - burstStart) / 1000);

    console.log(
      `two processes, ${TPM} tokens-per-minute, 20 concurrent clients: ${admitted.length} admitted; ` +
        `prompts charged at admission ${charged} (bound ${TPM} + one request of ${oneRequest}; refilled during the burst ${refilledDuringBurst.toFixed(1)}); ` +
        `completions recorded after ${completions}; prompts + completions ${used}; counter then held ${held.toFixed(1)}; ` +
        `next request 429 with Retry-After ${next.retryAfter} s`,
    );
  }, 60_000);
});
