// Backend pools through the gateway over real sockets: Microsoft's backend-pool-load-balancing lab policy,
// unchanged but for its backend id, in front of three upstreams of which one answers 429 with Retry-After (all at
// priority 1, and as committed capacity first: a PTU backend at priority 1, two pay-as-you-go at priority 2); and
// /apimx/backends showing each backend's breaker (closed/open, failures, open until) on an injected clock.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ManualClock, memoryServices, type BackendStateView } from '@apimx/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const LAB = resolve(import.meta.dirname, '../../../../../shared/corpus/ai-gateway/labs/backend-pool-load-balancing/policy.xml');
const START = Date.UTC(2026, 0, 1);

interface Member {
  name: string;
  upstream: Upstream;
  hits: number;
  /** While set, answers 429 with this Retry-After (seconds). */
  throttle: number | null;
}

async function member(name: string): Promise<Member> {
  const m: Member = { name, upstream: undefined as unknown as Upstream, hits: 0, throttle: null };
  m.upstream = await startUpstream((req, res) => {
    req.resume();
    req.on('end', () => {
      m.hits++;
      if (m.throttle !== null) {
        res.writeHead(429, { 'retry-after': String(m.throttle), 'content-type': 'application/json' });
        res.end('{"error":{"code":"429","message":"Rate limit is exceeded."}}');
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'x-upstream': name });
        res.end(`{"from":"${name}"}`);
      }
    });
  });
  return m;
}

// The AI-Gateway samples' breaker (inference-api.bicep): one 429 in a minute trips, Retry-After honoured.
const BREAKER = {
  rules: [
    { name: 'openAIBreakerRule', failureCondition: { count: 1, interval: 'PT1M', statusCodeRanges: [{ min: 429, max: 429 }] }, tripDuration: 'PT1M', acceptRetryAfter: true },
  ],
};

/** Every member at priority 1 unless `priorities` gives each its own. */
function config(members: readonly Member[], priorities?: readonly number[]): string {
  const backends: Record<string, unknown> = {};
  for (const m of members) backends[m.name] = { properties: { url: `${m.upstream.url}/openai`, protocol: 'http', circuitBreaker: BREAKER } };
  const services = members.map((m, i) => ({ id: `/backends/${m.name}`, priority: priorities?.[i] ?? 1, weight: 1 }));
  backends['openai-pool'] = { properties: { type: 'Pool', pool: { services } } };
  return JSON.stringify({
    apis: { aoai: { path: 'openai', serviceUrl: `${members[0]!.upstream.url}/openai`, subscriptionRequired: false, operations: 'azure-openai', policy: 'lab.xml' } },
    backends,
  });
}

describe('backend pools through the gateway', () => {
  const members: Member[] = [];
  let gateway: RunningGateway | undefined;

  afterEach(async () => {
    await gateway?.close({ timeoutMs: 1000 });
    await Promise.all(members.splice(0).map((m) => m.upstream.close()));
  });

  async function start(clock: ManualClock, priorities?: readonly number[]): Promise<RunningGateway> {
    for (const name of ['ptu-a', 'paygo-b', 'paygo-c']) members.push(await member(name));
    const dir = writeFixture({ 'apimx.json': config(members, priorities), 'lab.xml': readFileSync(LAB, 'utf8').replaceAll('{backend-id}', 'openai-pool') });
    // The lab's retry interval is 0; nothing waits on real time.
    const services = { ...memoryServices(clock), sleep: { delay: () => Promise.resolve() } };
    gateway = await startGateway({ config: `${dir}/apimx.json`, port: 0, services });
    return gateway;
  }

  async function chat(): Promise<{ status: number; from: string | null }> {
    const res = await fetch(`${gateway!.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hello' }] }),
    });
    await res.text();
    return { status: res.status, from: res.headers.get('x-upstream') };
  }

  async function states(): Promise<Map<string, BackendStateView>> {
    const res = await fetch(`${gateway!.url}/apimx/backends`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { backends: BackendStateView[] };
    return new Map(body.backends.map((view) => [view.id, view]));
  }

  it('every request succeeds and the throttled backend gets no traffic until its Retry-After has passed', async () => {
    const clock = new ManualClock(START);
    await start(clock);
    const throttled = members[1]!;
    throttled.throttle = 30;
    const first = [];
    for (let i = 0; i < 9; i++) first.push(await chat());
    expect(first.every((r) => r.status === 200)).toBe(true);
    expect(first.some((r) => r.from === 'paygo-b')).toBe(false);
    // One 429 tripped it (the lab's retry picked another member); nothing after.
    expect(throttled.hits).toBe(1);

    const open = await states();
    expect(open.get('paygo-b')!.breaker).toMatchObject({
      rule: 'openAIBreakerRule',
      state: 'open',
      openUntil: new Date(START + 30_000).toISOString(),
      trips: 1,
    });
    expect(open.get('ptu-a')!.breaker).toMatchObject({ state: 'closed', failuresInWindow: 0, openUntil: null });
    expect(open.get('openai-pool')).toMatchObject({ type: 'Pool', breaker: null });
    expect(open.get('openai-pool')!.members!.map((m) => m.id)).toEqual(['ptu-a', 'paygo-b', 'paygo-c']);
    // The request trace says which member was chosen and that the tripped one was skipped.
    const [latest] = (await (await fetch(`${gateway!.url}/apimx/traces?limit=1`)).json()) as { traces: { source: string; message: string }[] }[];
    const choice = latest!.traces.find((t) => t.source === 'backend')!.message;
    expect(choice).toMatch(/^pool 'openai-pool' → '(ptu-a|paygo-c)' /);
    expect(choice).toContain('paygo-b');

    // Still open one second before the Retry-After ends; closed after it, and served again.
    clock.advance(29_000);
    for (let i = 0; i < 3; i++) expect((await chat()).from).not.toBe('paygo-b');
    expect(throttled.hits).toBe(1);
    throttled.throttle = null;
    clock.advance(1_001);
    expect((await states()).get('paygo-b')!.breaker).toMatchObject({ state: 'closed', openUntil: null });
    const after = [];
    for (let i = 0; i < 6; i++) after.push(await chat());
    expect(after.filter((r) => r.from === 'paygo-b')).toHaveLength(2);
  });

  it('answers 503 from the lab once every member is tripped, without calling any', async () => {
    const clock = new ManualClock(START);
    await start(clock);
    for (const m of members) m.throttle = 10;
    // Three tries (retry count 2), one per member, each 429: the last answer reaches the client.
    expect((await chat()).status).toBe(429);
    expect(members.map((m) => m.hits)).toEqual([1, 1, 1]);
    // Now the pool has no member left: the lab's on-error answers 503 and no upstream is called.
    expect((await chat()).status).toBe(503);
    expect(members.map((m) => m.hits)).toEqual([1, 1, 1]);
    const views = await states();
    expect(['ptu-a', 'paygo-b', 'paygo-c'].map((id) => views.get(id)!.breaker!.state)).toEqual(['open', 'open', 'open']);
  });

  it('priority groups: PTU first; when it throttles with Retry-After, pay-as-you-go serves; once the Retry-After has passed, PTU again', async () => {
    const clock = new ManualClock(START);
    await start(clock, [1, 2, 2]);
    const [ptu, paygoB, paygoC] = members as [Member, Member, Member];
    for (let i = 0; i < 4; i++) expect(await chat()).toEqual({ status: 200, from: 'ptu-a' });
    expect([paygoB.hits, paygoC.hits]).toEqual([0, 0]);

    ptu.throttle = 20;
    // PTU answers 429 and trips for 20 s; the lab's retry re-selects the pool: priority 2, the client sees 200.
    const fallback = [];
    for (let i = 0; i < 6; i++) fallback.push(await chat());
    expect(fallback.every((r) => r.status === 200)).toBe(true);
    expect(fallback.map((r) => r.from)).toEqual(['paygo-b', 'paygo-c', 'paygo-b', 'paygo-c', 'paygo-b', 'paygo-c']);
    expect(ptu.hits).toBe(5);
    expect((await states()).get('ptu-a')!.breaker).toMatchObject({ state: 'open', openUntil: new Date(START + 20_000).toISOString() });

    clock.advance(19_999);
    expect((await chat()).from).toMatch(/^paygo-/);
    expect(ptu.hits).toBe(5);
    ptu.throttle = null;
    clock.advance(1);
    const hitsBefore = paygoB.hits + paygoC.hits;
    for (let i = 0; i < 4; i++) expect(await chat()).toEqual({ status: 200, from: 'ptu-a' });
    expect(paygoB.hits + paygoC.hits).toBe(hitsBefore);
    const views = await states();
    expect(views.get('ptu-a')!.breaker).toMatchObject({ state: 'closed', openUntil: null, trips: 1 });
    expect(views.get('openai-pool')!.members!.map((m) => [m.id, m.priority])).toEqual([['ptu-a', 1], ['paygo-b', 2], ['paygo-c', 2]]);
  });
});
