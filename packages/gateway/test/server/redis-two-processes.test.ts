// Two apimx PROCESSES (`apimx start`) sharing one Redis enforce one llm-token-limit: 20 concurrent clients on one
// counter key with estimate-prompt-tokens="true", spread over both. Prompts are taken atomically in Redis before
// forwarding, completions counted after (APIM's rule), so what the minute admits is at most tokens-per-minute plus
// one request's worth (and the little the bucket refills while the test runs on real clocks).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

const REPO = join(import.meta.dirname, '../../../..');
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const TPM = 300;

const children: ChildProcess[] = [];
let mock: MockBackend | undefined;
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve(null) : child.once('exit', resolve)))));
  await mock?.close();
});

/** `apimx start` in its own process; resolves with its URL once it prints the port. */
function startProcess(config: string): Promise<string> {
  const child = spawn('npx', ['tsx', 'packages/gateway/src/cli/main.ts', 'start', '--config', config, '--port', '0'], {
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

describe('llm-token-limit across two apimx processes sharing Redis', () => {
  it('admits at most tokens-per-minute plus one request of 20 concurrent clients on one key', async () => {
    mock = await startMockBackend({ name: 'shared-upstream' });
    const prefix = `apimx-test-${randomUUID()}:`;
    const dir = writeFixture({
      'apimx.yaml': `apis:\n  v1: { path: v1, serviceUrl: "${mock.url}/v1", subscriptionRequired: false, operations: openai-v1, policy: api.xml }\nstores: { type: redis, keyPrefix: "${prefix}" }\n`,
      'api.xml': policies({
        inbound: `<base /><llm-token-limit counter-key="shared-app" tokens-per-minute="${TPM}" estimate-prompt-tokens="true" />`,
        backend: '<forward-request />',
      }),
    });
    const urls = await Promise.all([startProcess(join(dir, 'apimx.yaml')), startProcess(join(dir, 'apimx.yaml'))]);
    const call = async (i: number) => {
      const res = await fetch(`${urls[i % 2]}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: `Client ${i}: tell me about the weather in Paris today.` }], max_tokens: 20 }),
      });
      const body = (await res.json()) as { usage?: { prompt_tokens: number; total_tokens: number } };
      return { status: res.status, prompt: body.usage?.prompt_tokens ?? 0, total: body.usage?.total_tokens ?? 0 };
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)));
    const admitted = outcomes.filter((o) => o.status === 200);
    expect(outcomes.every((o) => o.status === 200 || o.status === 429)).toBe(true);
    expect(admitted.length).toBeGreaterThan(0);
    expect(admitted.length).toBeLessThan(20);
    const prompts = admitted.reduce((sum, o) => sum + o.prompt, 0);
    const used = admitted.reduce((sum, o) => sum + o.total, 0);
    const largest = Math.max(...admitted.map((o) => o.prompt));
    // The bucket refills TPM per minute; the burst takes a second or two: allow what that refills.
    const refill = Math.ceil(TPM / 30);
    // What admission decides on, the estimated prompts, stays within tokens-per-minute plus one request's worth.
    expect(prompts).toBeLessThanOrEqual(TPM + largest + refill);
    expect(prompts).toBeGreaterThan(TPM - largest - refill);
    // Completions are known only after the responses (APIM's rule, spec §3.1 item 8): they are recorded then,
    // so the key is over its limit on both processes afterwards, and the figure is reported, not bounded.
    const after = await call(99);
    expect(after.status).toBe(429);
    console.log(`two processes: ${admitted.length}/20 admitted, prompts ${prompts} of ${TPM} tokens-per-minute (one request ${largest}); prompts+completions ${used}`);
  }, 60_000);
});
