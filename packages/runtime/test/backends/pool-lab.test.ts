// End to end over loopback sockets: Microsoft's backend-pool-load-balancing lab policy, unchanged but for its
// backend id, in front of three upstreams whose breakers follow the AI-Gateway samples (count 1, 429, PT1M,
// acceptRetryAfter).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBackendRegistry } from '../../src/backends/index.ts';
import { ManualClock } from '../../src/clock.ts';
import { memoryServices } from '../../src/memory-services.ts';
import type { RuntimeServices } from '../../src/services.ts';
import { freePort, startServer, type TestServer } from '../http/test-server.ts';
import { harness, type Harness } from '../support/run-policy.ts';
import { pool, rule, START } from './support.ts';

const LAB = resolve(import.meta.dirname, '../../../../../shared/corpus/ai-gateway/labs/backend-pool-load-balancing/policy.xml');
const labPolicy = readFileSync(LAB, 'utf8').replaceAll('{backend-id}', 'openai-pool');

interface Upstream {
  name: string;
  server: TestServer;
  /** Bodies received, in order. */
  bodies: string[];
  /** While set, answers 429 with this Retry-After (seconds). */
  throttle: number | null;
}

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function upstream(name: string): Promise<Upstream> {
  const up: Upstream = { name, server: undefined as unknown as TestServer, bodies: [], throttle: null };
  up.server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      up.bodies.push(Buffer.concat(chunks).toString('utf8'));
      if (up.throttle !== null) {
        res.writeHead(429, { 'Retry-After': String(up.throttle), 'Content-Type': 'application/json' });
        res.end('{"error":{"code":"429","message":"Rate limit is exceeded."}}');
      } else {
        res.writeHead(200, { 'Content-Type': 'application/json', 'x-upstream': name });
        res.end(`{"from":"${name}"}`);
      }
    });
  });
  servers.push(up.server);
  return up;
}

async function lab(dead?: string): Promise<{ h: Harness; clock: ManualClock; ups: Upstream[] }> {
  const ups = [await upstream('a'), await upstream('b'), await upstream('c')];
  const clock = new ManualClock(START);
  const urls = Object.fromEntries(ups.map((u) => [u.name, `${u.server.url}/openai`]));
  // A backend nothing listens on: every call to it fails to connect.
  if (dead) urls[dead] = `http://127.0.0.1:${await freePort()}/openai`;
  const registry = new MemoryBackendRegistry({
    ...Object.fromEntries(ups.map((u) => [u.name, { url: urls[u.name]!, protocol: 'http', circuitBreaker: { rules: [rule({ errorReasons: ['Server errors'] })] } }])),
    'openai-pool': pool(ups.map((u) => ({ id: u.name, priority: 1, weight: 1 }))),
  });
  // retry interval="0": nothing to wait for; the sleep service resolves at once.
  const services: RuntimeServices = { ...memoryServices(clock), backends: registry, sleep: { delay: () => Promise.resolve() } };
  return { h: harness(labPolicy, { services, clock }), clock, ups };
}

const chat = (i: number) => JSON.stringify({ messages: [{ role: 'user', content: `hello ${i}` }] });

async function send(h: Harness, i: number) {
  return h.send({ method: 'POST', url: 'https://apimx.local/openai/deployments/gpt-4o/chat/completions', headers: { 'content-type': 'application/json' }, body: chat(i) });
}

describe('backend-pool-load-balancing lab over real sockets', () => {
  it('every client request succeeds; the throttled backend gets no traffic until its Retry-After has passed', async () => {
    const { h, clock, ups } = await lab();
    const [a, b, c] = ups as [Upstream, Upstream, Upstream];
    b.throttle = 30;
    for (let i = 0; i < 9; i++) {
      const response = await send(h, i);
      expect(response.status).toBe(200);
    }
    // b answered 429 once (tripping its breaker); the retry sent that same request, body intact, elsewhere.
    expect(b.bodies).toEqual([chat(1)]);
    expect([...a.bodies, ...c.bodies]).toContain(chat(1));
    expect(a.bodies.length + c.bodies.length).toBe(9);

    clock.advance(29_999);
    for (let i = 9; i < 15; i++) expect((await send(h, i)).status).toBe(200);
    expect(b.bodies).toHaveLength(1);

    clock.advance(1);
    b.throttle = null;
    const before = { a: a.bodies.length, c: c.bodies.length };
    for (let i = 15; i < 21; i++) expect((await send(h, i)).status).toBe(200);
    expect(b.bodies).toHaveLength(3);
    expect(a.bodies.length - before.a).toBe(2);
    expect(c.bodies.length - before.c).toBe(2);
  });

  it('with every backend throttled the lab answers the last 429, then 503 while all breakers are open, then recovers', async () => {
    const { h, clock, ups } = await lab();
    for (const u of ups) u.throttle = 10;
    ups[2]!.throttle = 5;
    const first = await send(h, 0);
    expect(first.status).toBe(429);
    expect(ups.map((u) => u.bodies.length)).toEqual([1, 1, 1]);

    const second = await send(h, 1);
    expect(second.status).toBe(503);
    expect(second.reason).toBe('Service Unavailable');
    expect(ups.map((u) => u.bodies.length)).toEqual([1, 1, 1]);

    clock.advance(5_000);
    ups[2]!.throttle = null;
    const third = await send(h, 2);
    expect(third.status).toBe(200);
    expect(third.header('x-upstream')).toBe('c');
  });

  it('a backend that refuses connections trips its breaker (errorReasons "Server errors") and is skipped afterwards', async () => {
    const { h, ups } = await lab('a');
    const first = await send(h, 0);
    // retry does not catch errors: this request goes to on-error and gets APIM's 500 (spec §3.6).
    expect(first.status).toBe(500);
    for (let i = 1; i < 7; i++) expect((await send(h, i)).status).toBe(200);
    expect(ups.map((u) => u.bodies.length)).toEqual([0, 3, 3]);
  });
});

// Spec §9 T14: the lab policy with the lab's pool layout: foundry1 at priority 1, foundry2 and foundry3 at priority 2
// with weight 50 each, foundry4 at priority 3; every member's breaker trips on one 429 within PT1M for PT1M (or the
// backend's Retry-After).
describe('T14 pool retry', () => {
  async function t14(): Promise<{ h: Harness; clock: ManualClock; f: Record<'f1' | 'f2' | 'f3' | 'f4', Upstream> }> {
    const [f1, f2, f3, f4] = [await upstream('foundry1'), await upstream('foundry2'), await upstream('foundry3'), await upstream('foundry4')] as const;
    const clock = new ManualClock(START);
    const member = (u: Upstream) => ({ url: `${u.server.url}/openai`, protocol: 'http' as const, circuitBreaker: { rules: [rule({ errorReasons: ['Server errors'] })] } });
    const registry = new MemoryBackendRegistry({
      foundry1: member(f1),
      foundry2: member(f2),
      foundry3: member(f3),
      foundry4: member(f4),
      'openai-pool': pool([
        { id: 'foundry1', priority: 1 },
        { id: 'foundry2', priority: 2, weight: 50 },
        { id: 'foundry3', priority: 2, weight: 50 },
        { id: 'foundry4', priority: 3 },
      ]),
    });
    const services: RuntimeServices = { ...memoryServices(clock), backends: registry, sleep: { delay: () => Promise.resolve() } };
    return { h: harness(labPolicy, { services, clock }), clock, f: { f1, f2, f3, f4 } };
  }
  const counts = (f: Record<string, Upstream>) => Object.values(f).map((u) => u.bodies.length);

  it('T14 pool retry: all traffic to foundry1 until it answers 429 and trips; then 50/50 over foundry2 and foundry3; back to foundry1 after its Retry-After', async () => {
    const { h, clock, f } = await t14();
    for (let i = 0; i < 4; i++) expect((await send(h, i)).status).toBe(200);
    expect(counts(f)).toEqual([4, 0, 0, 0]);

    f.f1.throttle = 60;
    // foundry1 answers 429 (its breaker trips for the Retry-After); the retry re-selects the pool: priority 2.
    const switched = await send(h, 4);
    expect(switched.status).toBe(200);
    expect(f.f1.bodies).toHaveLength(5);
    for (let i = 5; i < 15; i++) expect((await send(h, i)).status).toBe(200);
    // 11 requests on priority 2, alternating: 6 and 5; nothing to foundry1 or foundry4.
    expect(counts(f)).toEqual([5, 6, 5, 0]);

    clock.advance(59_999);
    expect((await send(h, 15)).status).toBe(200);
    expect(f.f1.bodies).toHaveLength(5);
    clock.advance(1);
    f.f1.throttle = null;
    for (let i = 16; i < 19; i++) expect((await send(h, i)).status).toBe(200);
    expect(counts(f)).toEqual([8, 6, 6, 0]);
  });

  it('T14 pool retry: 429s retried transparently up to 2 times down the priorities; everything tripped: 503 "Service Unavailable" with an empty body', async () => {
    const { h, f } = await t14();
    f.f1.throttle = 60;
    f.f2.throttle = 60;
    f.f3.throttle = 60;
    // foundry1 429, then one of priority 2 429, then the other 429: the retry's count of 2 is spent.
    const exhausted = await send(h, 0);
    expect(exhausted.status).toBe(429);
    expect(counts(f)).toEqual([1, 1, 1, 0]);
    // Priority 1 and 2 all tripped: the next request goes to foundry4 at once.
    const fallback = await send(h, 1);
    expect(fallback.status).toBe(200);
    expect(fallback.header('x-upstream')).toBe('foundry4');
    expect(counts(f)).toEqual([1, 1, 1, 1]);

    f.f4.throttle = 60;
    // foundry4 429 trips the last breaker; the retry finds the pool empty: 503, which the lab's on-error answers bare.
    const refused = await send(h, 2);
    expect(refused.status).toBe(503);
    expect(refused.reason).toBe('Service Unavailable');
    expect(refused.text).toBe('');
    expect(counts(f)).toEqual([1, 1, 1, 2]);
    const again = await send(h, 3);
    expect([again.status, again.reason, again.text]).toEqual([503, 'Service Unavailable', '']);
    expect(counts(f)).toEqual([1, 1, 1, 2]);
  });
});

