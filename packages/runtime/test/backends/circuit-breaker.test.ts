import { afterEach, describe, expect, it } from 'vitest';
import { backendStates, reportBackendError, reportBackendResponse, resolveBackend } from '../../src/backends/index.ts';
import { ForwardError } from '../../src/http/forward-error.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { PolicyFault } from '../../src/pipeline/fault.ts';
import { startServer, type TestServer } from '../http/test-server.ts';
import { harness } from '../support/run-policy.ts';
import { backends, rule, single, START, type Backends } from './support.ts';

const URL_A = 'https://a.example';

/** Is backend `a` usable now? resolveBackend answers 503 while its breaker is open. */
function available(b: Backends): boolean {
  try {
    resolveBackend('a', b.context());
    return true;
  } catch (error) {
    if (error instanceof PolicyFault && error.response.status === 503) return false;
    throw error;
  }
}

function respond(b: Backends, status: number, headers: Record<string, string> = {}): void {
  reportBackendResponse(b.context(), 'a', status, new HeaderMap(headers));
}

describe('circuit breaker: tripping', () => {
  it('trips on the Nth failure within the interval, not on the N-1th', () => {
    const b = backends({ a: single(URL_A, rule({ count: 3, interval: 'PT1M', ranges: [{ min: 500, max: 599 }] })) });
    respond(b, 500);
    b.clock.advance(30_000);
    respond(b, 503);
    b.clock.advance(29_999);
    expect(available(b)).toBe(true);
    respond(b, 599);
    expect(available(b)).toBe(false);
  });

  it('does not count failures that left the interval', () => {
    const b = backends({ a: single(URL_A, rule({ count: 3, interval: 'PT1M', ranges: [{ min: 500, max: 599 }] })) });
    respond(b, 500); // t=0, out of the window by t=60s
    b.clock.advance(30_000);
    respond(b, 500);
    b.clock.advance(30_000);
    respond(b, 500);
    expect(available(b)).toBe(true);
    b.clock.advance(1);
    respond(b, 500); // 30s, 60s, 60.001s
    expect(available(b)).toBe(false);
  });

  it('counts only statuses in the ranges; successes in between do not reset the count', () => {
    const b = backends({ a: single(URL_A, rule({ count: 2, ranges: [{ min: 429, max: 429 }, { min: 502, max: 504 }] })) });
    respond(b, 429);
    for (const status of [200, 400, 500, 505, 428, 430]) respond(b, status);
    expect(available(b)).toBe(true);
    respond(b, 503);
    expect(available(b)).toBe(false);
  });

  it('counts timeouts and connection failures as errorReasons say; never a client that went away', () => {
    const timeoutOnly = backends({ a: single(URL_A, rule({ count: 1, ranges: [], errorReasons: ['timeout'] })) });
    reportBackendError(timeoutOnly.context(), 'a', new ForwardError('ClientConnectionFailure', 'gone'));
    reportBackendError(timeoutOnly.context(), 'a', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    expect(available(timeoutOnly)).toBe(true);
    reportBackendError(timeoutOnly.context(), 'a', new ForwardError('Timeout', 'slow'));
    expect(available(timeoutOnly)).toBe(false);

    const serverErrors = backends({ a: single(URL_A, rule({ count: 1, ranges: [], errorReasons: ['Server errors'] })) });
    reportBackendError(serverErrors.context(), 'a', Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    expect(available(serverErrors)).toBe(false);
  });

  it('a backend without a circuitBreaker never trips and stores nothing', () => {
    const b = backends({ a: single(URL_A) });
    for (let i = 0; i < 10; i++) respond(b, 500);
    expect(available(b)).toBe(true);
    expect([...b.registry.state.breakers.entries()]).toEqual([]);
  });
});

describe('circuit breaker: recovery', () => {
  it('stays open for tripDuration, answering 503 with the seconds left as Retry-After, then closes', () => {
    const b = backends({ a: single(URL_A, rule({ tripDuration: 'PT1M', acceptRetryAfter: false })) });
    respond(b, 429, { 'retry-after': '5' });
    b.clock.advance(15_500);
    let fault: PolicyFault | undefined;
    try {
      resolveBackend('a', b.context());
    } catch (error) {
      fault = error as PolicyFault;
    }
    expect(fault?.response.status).toBe(503);
    expect(fault?.response.headers).toEqual({ 'Retry-After': '45' });
    expect(fault?.message).toBe('Backend a is temporarily unavailable');
    b.clock.advance(44_499);
    expect(available(b)).toBe(false);
    b.clock.advance(1);
    expect(available(b)).toBe(true);
  });

  it('with acceptRetryAfter stays open for the Retry-After the backend sent instead', () => {
    const b = backends({ a: single(URL_A, rule({ tripDuration: 'PT1M', acceptRetryAfter: true })) });
    respond(b, 429, { 'Retry-After': '10' });
    b.clock.advance(9_999);
    expect(available(b)).toBe(false);
    b.clock.advance(1);
    expect(available(b)).toBe(true);
  });

  it('honours retry-after-ms and an HTTP date; without any, tripDuration', () => {
    const ms = backends({ a: single(URL_A, rule()) });
    respond(ms, 429, { 'x-ms-retry-after-ms': '1200' });
    ms.clock.advance(1199);
    expect(available(ms)).toBe(false);
    ms.clock.advance(1);
    expect(available(ms)).toBe(true);

    const date = backends({ a: single(URL_A, rule()) });
    respond(date, 429, { 'Retry-After': new Date(START + 20_000).toUTCString() });
    date.clock.advance(19_999);
    expect(available(date)).toBe(false);
    date.clock.advance(1);
    expect(available(date)).toBe(true);

    const none = backends({ a: single(URL_A, rule({ tripDuration: 'PT2M' })) });
    respond(none, 429);
    none.clock.advance(119_999);
    expect(available(none)).toBe(false);
    none.clock.advance(1);
    expect(available(none)).toBe(true);
  });

  it('after closing counts afresh: failures from before the trip do not count again', () => {
    const b = backends({ a: single(URL_A, rule({ count: 2, interval: 'PT1H', tripDuration: 'PT1M', acceptRetryAfter: false })) });
    respond(b, 429);
    respond(b, 429);
    expect(available(b)).toBe(false);
    respond(b, 429); // answered while open (a call already under way): changes nothing
    b.clock.advance(60_000);
    expect(available(b)).toBe(true);
    respond(b, 429);
    expect(available(b)).toBe(true);
    respond(b, 429);
    expect(available(b)).toBe(false);
  });
});

describe('backend state view (admin surface)', () => {
  it('shows each backend: breaker state, failures in the window, open until, trips', () => {
    const b = backends({
      a: single(URL_A, rule({ count: 2, tripDuration: 'PT1M', acceptRetryAfter: false })),
      b: single('https://b.example', rule({ name: 'b-rule', count: 3 })),
      c: single('https://c.example'),
      p: { type: 'Pool', pool: { services: [{ id: 'a', priority: 1, weight: 2 }, { id: 'b', priority: 2 }] } },
    });
    respond(b, 500 + 29); // 529 is outside 429-429: not a failure
    respond(b, 429);
    respond(b, 429);
    reportBackendResponse(b.context(), 'b', 429, new HeaderMap());
    expect(backendStates(b.registry, b.clock)).toEqual([
      {
        id: 'a',
        type: 'Single',
        breaker: {
          rule: 'breaker',
          state: 'open',
          failuresInWindow: 0,
          openUntil: new Date(START + 60_000).toISOString(),
          trips: 1,
          lastTrip: { at: new Date(START).toISOString(), cause: '2 failure(s) within 60000 ms, last status 429; open for tripDuration 60000 ms' },
        },
      },
      { id: 'b', type: 'Single', breaker: { rule: 'b-rule', state: 'closed', failuresInWindow: 1, openUntil: null, trips: 0, lastTrip: null } },
      { id: 'c', type: 'Single', breaker: null },
      { id: 'p', type: 'Pool', breaker: null, members: [{ id: 'a', priority: 1, weight: 2 }, { id: 'b', priority: 2, weight: 1 }] },
    ]);
    b.clock.advance(60_000);
    expect(backendStates(b.registry, b.clock)[0]!.breaker).toMatchObject({ state: 'closed', openUntil: null, trips: 1 });
  });
});

describe('circuit breaker: percentage rule [UNCONFIRMED semantics]', () => {
  it('trips when failures reach the percentage of the calls in the interval', () => {
    const b = backends({ a: single(URL_A, { name: 'pct', failureCondition: { percentage: 50, interval: 'PT1M', statusCodeRanges: [{ min: 500, max: 599 }] }, tripDuration: 'PT1M' }) });
    respond(b, 200);
    respond(b, 200);
    respond(b, 200);
    respond(b, 500); // 1 of 4
    respond(b, 500); // 2 of 5
    expect(available(b)).toBe(true);
    respond(b, 500); // 3 of 6: 50 %
    expect(available(b)).toBe(false);
  });
});

// Spec §9 T52, as backends.md documents the rule, through set-backend-service and forward-request to a loopback
// backend that answers 500 while told to.
describe('T52 circuit breaker', () => {
  const servers: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function t52() {
    const backend = { calls: 0, failing: true, retryAfter: null as string | null };
    const server = await startServer((req, res) => {
      req.resume();
      backend.calls++;
      if (backend.failing) res.writeHead(500, backend.retryAfter ? { 'Retry-After': backend.retryAfter } : {}).end('boom');
      else res.writeHead(200).end('ok');
    });
    servers.push(server);
    const b = backends({
      myBackend: single(server.url, rule({ count: 3, interval: 'PT1H', ranges: [{ min: 500, max: 599 }], tripDuration: 'PT1H', acceptRetryAfter: true })),
    });
    const h = harness('<policies><inbound><set-backend-service backend-id="myBackend" /></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>', {
      services: b.services,
      clock: b.clock,
    });
    return { backend, clock: b.clock, h };
  }

  it('T52 circuit breaker: after the 3rd 5xx within an hour the gateway answers 503 for an hour without calling the backend, then traffic resumes', async () => {
    const { backend, clock, h } = await t52();
    expect((await h.send()).status).toBe(500);
    clock.advance(40 * 60_000);
    expect((await h.send()).status).toBe(500);
    clock.advance(19 * 60_000);
    expect((await h.send()).status).toBe(500); // the 3rd within the hour: trips
    expect(backend.calls).toBe(3);
    const refused = await h.send();
    expect(refused.status).toBe(503);
    expect(refused.header('retry-after')).toBe('3600');
    expect(backend.calls).toBe(3);
    backend.failing = false;
    clock.advance(3_600_000 - 1);
    expect((await h.send()).status).toBe(503);
    expect(backend.calls).toBe(3);
    clock.advance(1);
    expect((await h.send()).status).toBe(200);
    expect(backend.calls).toBe(4);
  });

  it("T52 circuit breaker: with acceptRetryAfter the backend's Retry-After replaces the hour", async () => {
    const { backend, clock, h } = await t52();
    for (let i = 0; i < 2; i++) await h.send();
    backend.retryAfter = '120';
    expect((await h.send()).status).toBe(500);
    expect((await h.send()).status).toBe(503);
    backend.failing = false;
    clock.advance(119_999);
    expect((await h.send()).status).toBe(503);
    clock.advance(1);
    expect((await h.send()).status).toBe(200);
    expect(backend.calls).toBe(4);
  });

  it('T52 circuit breaker: two 5xx in the hour and a third after it has passed do not trip', async () => {
    const { backend, clock, h } = await t52();
    await h.send();
    clock.advance(30 * 60_000);
    await h.send();
    clock.advance(30 * 60_000); // the first failure has left the hour
    expect((await h.send()).status).toBe(500);
    backend.failing = false;
    expect((await h.send()).status).toBe(200);
  });
});

