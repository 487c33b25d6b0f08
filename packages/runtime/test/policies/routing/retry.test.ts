import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { retryWait } from '../../../src/policies/routing/retry-wait.ts';
import { readAll } from '../../http/test-server.ts';
import { backendOf, policies, routing, upstream } from './support.ts';

/** An upstream that answers `statuses` in turn (the last one forever) and counts calls. */
async function flaky(statuses: number[]) {
  const calls: string[] = [];
  const server = await upstream(async (req, res) => {
    calls.push((await readAll(req)).toString());
    const status = statuses[Math.min(calls.length - 1, statuses.length - 1)]!;
    res.writeHead(status, { 'Content-Type': 'text/plain' });
    res.end(`call ${calls.length}: ${status}`);
  });
  return { server, calls };
}

function retryDoc(attributes: string, children = '<forward-request buffer-request-body="true" />'): string {
  return policies('', `<retry ${attributes}>${children}</retry>`);
}

describe('retry: waits', () => {
  it('T15 retry: exponential waits follow the documented 10/10/100 sequence ≈10, 20, 40, 80, then 100 s', () => {
    const timing = { intervalMs: 10_000, deltaMs: 10_000, maxIntervalMs: 100_000, firstFastRetry: false };
    const middle = () => 0.5; // random factor exactly 1.0
    expect(Array.from({ length: 7 }, (_, n) => retryWait(timing, n, middle))).toEqual([10_000, 20_000, 40_000, 80_000, 100_000, 100_000, 100_000]);
    // The random factor on delta stays within 0.8-1.2.
    expect(Array.from({ length: 4 }, (_, n) => retryWait(timing, n, () => 0))).toEqual([10_000, 18_000, 34_000, 66_000]);
    expect(Array.from({ length: 4 }, (_, n) => retryWait(timing, n, () => 0.999_999))).toEqual([10_000, 22_000, 46_000, 94_000]);
  });

  it('T15 retry: through the policy, 10 retries while the backend fails, with bounded exponential waits capped at max-interval', async () => {
    const { server, calls } = await flaky([500]);
    const r = routing(retryDoc('condition="true" count="10" interval="10" max-interval="100" delta="10" first-fast-retry="false"'));
    const start = r.clock.now();
    const routed = await r.run({ method: 'POST', body: 'again' }, backendOf(server));
    expect(calls).toHaveLength(11);
    expect(calls.every((body) => body === 'again')).toBe(true);
    expect(routed.response.status).toBe(500);
    expect(await routed.text()).toBe('call 11: 500');
    const [w0, w1, w2, w3, ...rest] = r.waits;
    expect(w0).toBe(10_000);
    expect(w1).toBeGreaterThanOrEqual(18_000);
    expect(w1).toBeLessThanOrEqual(22_000);
    expect(w2).toBeGreaterThanOrEqual(34_000);
    expect(w2).toBeLessThanOrEqual(46_000);
    expect(w3).toBeGreaterThanOrEqual(66_000);
    expect(w3).toBeLessThanOrEqual(94_000);
    expect(rest).toEqual([100_000, 100_000, 100_000, 100_000, 100_000, 100_000]);
    // The waits went through the injected clock, not real time.
    expect(r.clock.now() - start).toBe(r.waits.reduce((a, b) => a + b, 0));
  });

  it('only interval: a fixed wait before every retry', async () => {
    const { server, calls } = await flaky([503]);
    const r = routing(retryDoc('condition="true" count="3" interval="2"'));
    await (await r.run({}, backendOf(server))).text();
    expect(calls).toHaveLength(4);
    expect(r.waits).toEqual([2000, 2000, 2000]);
  });

  it('interval and delta: linear waits interval + (n-1)·delta', async () => {
    const { server } = await flaky([503]);
    const r = routing(retryDoc('condition="true" count="4" interval="1" delta="2"'));
    await (await r.run({}, backendOf(server))).text();
    expect(r.waits).toEqual([1000, 3000, 5000, 7000]);
  });

  it('first-fast-retry: the first retry is immediate and the rest of the sequence is not shifted', async () => {
    const { server } = await flaky([503]);
    const fixed = routing(retryDoc('condition="true" count="3" interval="1" first-fast-retry="true"'));
    await (await fixed.run({}, backendOf(server))).text();
    expect(fixed.waits).toEqual([0, 1000, 1000]);
    const linear = routing(retryDoc('condition="true" count="3" interval="1" delta="1" first-fast-retry="true"'));
    await (await linear.run({}, backendOf(server))).text();
    expect(linear.waits).toEqual([0, 2000, 3000]);
  });
});

describe('retry: runs', () => {
  it('condition="false" runs the children once and never waits', async () => {
    const { server, calls } = await flaky([429]);
    const r = routing(retryDoc('condition="false" count="5" interval="1"'));
    const routed = await r.run({}, backendOf(server));
    expect(routed.response.status).toBe(429);
    expect(await routed.text()).toBe('call 1: 429');
    expect(calls).toHaveLength(1);
    expect(r.waits).toEqual([]);
  });

  it('T14 retry: the lab shape (count="2" interval="0" first-fast-retry) with a plain backend makes at most 3 calls, resending the buffered body', async () => {
    const { server, calls } = await flaky([429]);
    const r = routing(
      policies(
        '<set-backend-service backend-id="aoai" />',
        '<retry count="2" interval="0" first-fast-retry="true" condition="true"><set-backend-service backend-id="aoai" /><forward-request buffer-request-body="true" /></retry>',
      ),
      { aoai: { url: server.url, protocol: 'http' } },
    );
    const routed = await r.run({ method: 'POST', body: Readable.from([Buffer.from('{"prompt":'), Buffer.from('"hi"}')]) });
    expect(calls).toEqual(['{"prompt":"hi"}', '{"prompt":"hi"}', '{"prompt":"hi"}']);
    expect(r.waits).toEqual([0, 0]);
    expect(routed.response.status).toBe(429);
    // Only the last attempt's response is kept; the earlier ones were released.
    expect(await routed.text()).toBe('call 3: 429');
  });

  it('an error inside the children is not retried: it goes to on-error', async () => {
    const r = routing(retryDoc('condition="true" count="3" interval="1"', '<set-backend-service backend-id="missing" />'));
    const routed = await r.run();
    expect(r.waits).toEqual([]);
    expect(routed.ctx.LastError).toMatchObject({ Source: 'set-backend-service', Reason: 'BackendNotFound', Path: 'retry[1]\\set-backend-service[1]' });
  });

  it('a streamed body without buffer-request-body cannot be resent: the retry fails clearly', async () => {
    const { server, calls } = await flaky([503]);
    const r = routing(retryDoc('condition="true" count="2" interval="0"', '<forward-request />'));
    const routed = await r.run({ method: 'POST', body: Readable.from([Buffer.from('once')]) }, backendOf(server));
    expect(calls).toEqual(['once']);
    expect(routed.ctx.LastError?.Message).toContain('use buffer-request-body="true"');
  });

  it('stops retrying once the client has gone away during a wait (ClientConnectionFailure)', async () => {
    const { server, calls } = await flaky([503]);
    const r = routing(retryDoc('condition="true" count="5" interval="1"'));
    const controller = new AbortController();
    r.onWait = () => controller.abort();
    const routed = await r.run({ signal: controller.signal }, backendOf(server));
    expect(calls).toHaveLength(1);
    expect(r.waits).toEqual([1000]);
    expect(routed.ctx.LastError).toMatchObject({ Source: 'retry', Reason: 'ClientConnectionFailure' });
  });

  it('runs any child policies, including none', async () => {
    const r = routing(policies('<retry condition="true" count="2" interval="3" />', ''));
    const routed = await r.run();
    expect(routed.response.status).toBe(200);
    expect(r.waits).toEqual([3000, 3000]);
  });
});
