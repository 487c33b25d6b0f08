import { afterEach, describe, expect, it } from 'vitest';
import { backendChoices, reportBackendResponse, resolveBackend } from '../../src/backends/index.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { PolicyFault } from '../../src/pipeline/fault.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { harness } from '../support/run-policy.ts';
import { backends, pool, rule, single, START, type Backends } from './support.ts';

function pick(b: Backends, id = 'pool'): string {
  return resolveBackend(id, b.context()).backendId;
}

function picks(b: Backends, n: number): string[] {
  return Array.from({ length: n }, () => pick(b));
}

/** Trip `id`'s breaker (count 1, 429) with a Retry-After of `seconds`. */
function throttle(b: Backends, id: string, seconds: number): void {
  reportBackendResponse(b.context(), id, 429, new HeaderMap({ 'Retry-After': String(seconds) }));
}

const members = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, single(`https://${id}.example`, rule())]));

describe('pool selection', () => {
  it('equal weights and priorities: round-robin in pool order', () => {
    const b = backends({ ...members(['a', 'b', 'c']), pool: pool([{ id: 'a' }, { id: 'b' }, { id: 'c' }]) });
    expect(picks(b, 7)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('returns the chosen member with its own url and credentials', () => {
    const b = backends({
      a: { url: 'https://a.example/openai', protocol: 'http', credentials: { header: { 'api-key': ['ka'] } } },
      pool: pool([{ id: 'a' }]),
    });
    expect(resolveBackend('pool', b.context())).toEqual({ url: 'https://a.example/openai', credentials: { header: { 'api-key': ['ka'] } }, backendId: 'a' });
  });

  it('weights interleave smoothly: 3:1 gives a, a, b, a', () => {
    const b = backends({ ...members(['a', 'b']), pool: pool([{ id: 'a', weight: 3 }, { id: 'b', weight: 1 }]) });
    expect(picks(b, 8)).toEqual(['a', 'a', 'b', 'a', 'a', 'a', 'b', 'a']);
  });

  it('weighted shares are within 2 % of the weights over 10,000 picks', () => {
    const b = backends({ ...members(['a', 'b', 'c']), pool: pool([{ id: 'a', weight: 50 }, { id: 'b', weight: 30 }, { id: 'c', weight: 7 }]) });
    const counts: Record<string, number> = { a: 0, b: 0, c: 0 };
    for (const id of picks(b, 10_000)) counts[id]!++;
    expect(Math.abs(counts.a! / 10_000 - 50 / 87)).toBeLessThan(0.02);
    expect(Math.abs(counts.b! / 10_000 - 30 / 87)).toBeLessThan(0.02);
    expect(Math.abs(counts.c! / 10_000 - 7 / 87)).toBeLessThan(0.02);
  });

  it('weight 0 members get traffic only when no weighted member of their group is available', () => {
    const b = backends({ ...members(['a', 'z']), pool: pool([{ id: 'a', weight: 1 }, { id: 'z', weight: 0 }]) });
    expect(picks(b, 3)).toEqual(['a', 'a', 'a']);
    throttle(b, 'a', 10);
    expect(picks(b, 2)).toEqual(['z', 'z']);
  });

  it('priority groups: lower number first; the next group only when every member before is tripped; traffic returns', () => {
    const b = backends({
      ...members(['p1a', 'p1b', 'p2', 'p3']),
      pool: pool([{ id: 'p3', priority: 3 }, { id: 'p2', priority: 2 }, { id: 'p1a', priority: 1 }, { id: 'p1b', priority: 1 }]),
    });
    expect(picks(b, 4)).toEqual(['p1a', 'p1b', 'p1a', 'p1b']);
    throttle(b, 'p1a', 10);
    expect(picks(b, 3)).toEqual(['p1b', 'p1b', 'p1b']);
    throttle(b, 'p1b', 20);
    expect(picks(b, 2)).toEqual(['p2', 'p2']);
    throttle(b, 'p2', 30);
    expect(picks(b, 2)).toEqual(['p3', 'p3']);
    b.clock.advance(10_000);
    expect(picks(b, 2)).toEqual(['p1a', 'p1a']);
    b.clock.advance(10_000);
    const back = picks(b, 4);
    expect(back.filter((id) => id === 'p1a')).toHaveLength(2);
    expect(back.filter((id) => id === 'p1b')).toHaveLength(2);
  });

  it('a request that sets the pool twice before forwarding keeps its member; after forwarding it picks again', () => {
    const b = backends({ ...members(['a', 'b', 'c']), pool: pool([{ id: 'a' }, { id: 'b' }, { id: 'c' }]) });
    const ctx = b.context();
    expect(resolveBackend('pool', ctx).backendId).toBe('a');
    expect(resolveBackend('pool', ctx).backendId).toBe('a');
    expect(backendChoices(ctx)[1]!.reason).toBe("pool 'pool' → 'a' (kept: chosen earlier in this request and not yet forwarded)");
    reportBackendResponse(ctx, 'a', 200, new HeaderMap());
    expect(resolveBackend('pool', ctx).backendId).toBe('b');
    // The kept member tripped meanwhile (another request's answer): pick again.
    throttle(b, 'b', 10);
    expect(resolveBackend('pool', ctx).backendId).toBe('c');
  });

  it('records the choice and why in the request (choices and trace)', () => {
    const b = backends({ ...members(['a', 'b', 'c']), pool: pool([{ id: 'a' }, { id: 'b' }, { id: 'c', priority: 2 }]) });
    throttle(b, 'a', 30);
    const ctx = b.context();
    resolveBackend('pool', ctx);
    expect(backendChoices(ctx)).toEqual([{ requested: 'pool', backendId: 'b', priority: 1, skipped: [{ id: 'a', openUntil: START + 30_000 }], reason: "pool 'pool' → 'b' (priority 1, round-robin; breaker open: a until 2026-01-01T00:00:30.000Z)" }]);
    expect(ctx.traces).toEqual([{ source: 'backend', severity: 'information', message: "pool 'pool' → 'b' (priority 1, round-robin; breaker open: a until 2026-01-01T00:00:30.000Z)" }]);
  });

  it('every member tripped: 503 with Retry-After of the soonest recovery', () => {
    const b = backends({ ...members(['a', 'b', 'c']), pool: pool([{ id: 'a' }, { id: 'b' }, { id: 'c', priority: 2 }]) });
    throttle(b, 'a', 40);
    throttle(b, 'b', 12);
    throttle(b, 'c', 25);
    b.clock.advance(500);
    const ctx = b.context();
    let fault: PolicyFault | undefined;
    try {
      resolveBackend('pool', ctx);
    } catch (error) {
      fault = error as PolicyFault;
    }
    expect(fault).toBeInstanceOf(PolicyFault);
    expect(fault!.response).toMatchObject({ status: 503, reason: 'Backend pool pool is temporarily unavailable', headers: { 'Retry-After': '12' } });
    expect(fault!.lastError).toMatchObject({ Source: 'set-backend-service', Reason: 'BackendUnavailable', Message: 'Backend pool pool is temporarily unavailable' });
    expect(backendChoices(ctx)[0]).toMatchObject({ backendId: null, skipped: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
    b.clock.advance(11_500);
    expect(pick(b)).toBe('b');
  });

  it('a pool with problems is refused with what is wrong', () => {
    const b = backends({ a: single('https://a.example'), pool: pool([{ id: 'a' }, { id: 'missing' }]) });
    expect(() => resolveBackend('pool', b.context())).toThrow("Backend 'pool' is not valid: pool.pool.services[1].id: backend 'missing' is not defined");
    const broken = backends({ a: single('https://a.example', rule({ tripDuration: 'soon' })), pool: pool([{ id: 'a' }]) });
    expect(() => resolveBackend('pool', broken.context())).toThrow(/^Backend 'a' is not valid: a.circuitBreaker.rules\[0\].tripDuration: must be a positive ISO 8601 duration/);
  });
});

describe('pool through the pipeline', () => {
  it('set-backend-service on a pool with every breaker open answers 503 with Retry-After and APIM error body', async () => {
    const b = backends({ ...members(['a', 'b']), pool: pool([{ id: 'a' }, { id: 'b' }]) });
    throttle(b, 'a', 7);
    throttle(b, 'b', 9);
    const h = harness('<policies><inbound><set-backend-service backend-id="pool" /></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>', {
      services: b.services,
      clock: b.clock,
    });
    const response = await h.send();
    expect(response.status).toBe(503);
    expect(response.reason).toBe('Backend pool pool is temporarily unavailable');
    expect(response.header('retry-after')).toBe('7');
    const body = JSON.parse(response.text);
    expect(body).toMatchObject({ statusCode: 503, message: 'Backend pool pool is temporarily unavailable' });
    expect(body.activityId).toMatch(/^[0-9a-f-]{32,36}$/);
  });
});

// Spec §9 T53, backends.md's weighted pool, over loopback: requests through set-backend-service and forward-request.
describe('T53 weighted pool', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('T53 weighted pool: backend-1 priority 1 weight 3, backend-2 priority 1 weight 1 get 75 % and 25 % of the requests', async () => {
    const calls = { 'backend-1': 0, 'backend-2': 0 };
    const urls: Record<string, string> = {};
    for (const id of ['backend-1', 'backend-2'] as const) {
      const server = await startServer((req, res) => {
        req.resume();
        calls[id]++;
        res.end(id);
      });
      servers.push(server);
      urls[id] = server.url;
    }
    const b = backends({
      'backend-1': single(urls['backend-1']!),
      'backend-2': single(urls['backend-2']!),
      'pool-backend': pool([{ id: 'backend-1', priority: 1, weight: 3 }, { id: 'backend-2', priority: 1, weight: 1 }]),
    });
    const h = harness('<policies><inbound><set-backend-service backend-id="pool-backend" /></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>', {
      services: b.services,
      clock: b.clock,
    });
    const answeredBy: string[] = [];
    for (let i = 0; i < 200; i++) answeredBy.push((await h.send()).text);
    expect(calls).toEqual({ 'backend-1': 150, 'backend-2': 50 });
    // Interleaved, not in runs: every 4 consecutive requests hold 3 and 1.
    for (let i = 0; i < 200; i += 4) expect(answeredBy.slice(i, i + 4).filter((id) => id === 'backend-2')).toHaveLength(1);
  });
});

