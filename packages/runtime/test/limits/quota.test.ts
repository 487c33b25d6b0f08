import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { checkQuota, consumeQuota, DEFAULT_FIRST_PERIOD_START, parseFirstPeriodStart, quotaWindow, recordQuota } from '../../src/limits/quota.ts';
import type { QuotaDecision } from '../../src/limits/quota.ts';
import { formatReplenishIn } from '../../src/limits/replenish-format.ts';
import { MemoryCounterStore } from '../../src/stores/memory-counter-store.ts';

const sync = (d: QuotaDecision | Promise<QuotaDecision>) => d as QuotaDecision;

describe('quota windows (spec §3.8)', () => {
  it('defaults the first period start to 0001-01-01T00:00:00Z', () => {
    expect(new Date(DEFAULT_FIRST_PERIOD_START).toISOString()).toBe('0001-01-01T00:00:00.000Z');
    // 3600 s windows from year 1 line up with UTC hours
    const now = Date.parse('2026-03-04T05:06:07Z');
    expect(quotaWindow({ renewalPeriodSeconds: 3600 }, now)).toEqual({ start: Date.parse('2026-03-04T05:00:00Z'), end: Date.parse('2026-03-04T06:00:00Z') });
  });

  it('measures windows from first-period-start', () => {
    const start = parseFirstPeriodStart('2026-01-01T00:10:00Z');
    const w = quotaWindow({ renewalPeriodSeconds: 300, firstPeriodStart: start }, Date.parse('2026-01-01T00:22:00Z'));
    expect(w).toEqual({ start: Date.parse('2026-01-01T00:20:00Z'), end: Date.parse('2026-01-01T00:25:00Z') });
    expect(() => parseFirstPeriodStart('yesterday')).toThrow(/ISO 8601/);
  });

  it('renewal-period 0 is one endless window', () => {
    expect(quotaWindow({ renewalPeriodSeconds: 0 }, Date.now()).end).toBe(Infinity);
  });
});

describe('quota / quota-by-key (T20, T21)', () => {
  it('counts calls per fixed window, refuses with 403 data and replenishes at the window end', () => {
    const clock = new ManualClock(Date.parse('2026-01-01T10:15:00Z'));
    const store = new MemoryCounterStore();
    const spec = { calls: 3, renewalPeriodSeconds: 3600 };
    for (let i = 0; i < 3; i++) expect(sync(consumeQuota(store, clock, 'sub', spec)).remainingCalls).toBe(2 - i);
    const refused = sync(consumeQuota(store, clock, 'sub', spec));
    expect(refused).toMatchObject({
      allowed: false,
      exceeded: 'calls',
      remainingCalls: 0,
      retryAfterSeconds: 45 * 60,
      replenishIn: '00:45:00',
      message: 'Out of call volume quota. Quota will be replenished in 00:45:00.',
    });
    clock.set(Date.parse('2026-01-01T11:00:00Z'));
    expect(sync(consumeQuota(store, clock, 'sub', spec))).toMatchObject({ allowed: true, remainingCalls: 2 });
  });

  it('counts bandwidth in kilobytes after the response and refuses once it is used up', () => {
    const clock = new ManualClock(Date.parse('2026-01-01T00:00:00Z'));
    const store = new MemoryCounterStore();
    const spec = { calls: 100, bandwidthKilobytes: 2, renewalPeriodSeconds: 86_400 * 3, firstPeriodStart: clock.now() };
    expect(sync(consumeQuota(store, clock, 'ip', spec)).allowed).toBe(true);
    expect(sync(recordQuota(store, clock, 'ip', spec, 0, 1536)).remainingKilobytes).toBe(0);
    expect(sync(consumeQuota(store, clock, 'ip', spec)).allowed).toBe(true);
    sync(recordQuota(store, clock, 'ip', spec, 0, 600));
    const refused = sync(consumeQuota(store, clock, 'ip', spec));
    expect(refused).toMatchObject({ allowed: false, exceeded: 'bandwidth', remainingCalls: 98 });
    expect(refused.message).toBe('Out of bandwidth quota. Quota will be replenished in 3.00:00:00.');
  });

  it('check counts nothing, record counts past the limit (increment-condition decided after the response)', () => {
    const clock = new ManualClock(0);
    const store = new MemoryCounterStore();
    const spec = { calls: 1, renewalPeriodSeconds: 300, firstPeriodStart: 0 };
    expect(sync(checkQuota(store, clock, 'k', spec)).remainingCalls).toBe(1);
    expect(sync(checkQuota(store, clock, 'k', spec)).allowed).toBe(true);
    sync(recordQuota(store, clock, 'k', spec, 1, 0));
    expect(sync(recordQuota(store, clock, 'k', spec, 1, 0)).allowed).toBe(false);
    expect(sync(checkQuota(store, clock, 'k', spec))).toMatchObject({ allowed: false, retryAfterSeconds: 300 });
  });

  it('an endless quota has no replenishment time', () => {
    const clock = new ManualClock(0);
    const store = new MemoryCounterStore();
    const spec = { calls: 1, renewalPeriodSeconds: 0 };
    sync(consumeQuota(store, clock, 'k', spec));
    clock.advance(10 * 365 * 86_400_000);
    const refused = sync(consumeQuota(store, clock, 'k', spec));
    expect(refused).toMatchObject({ allowed: false, message: 'Out of call volume quota.' });
    expect(refused.retryAfterSeconds).toBeUndefined();
  });
});

describe('formatReplenishIn', () => {
  it('prints hh:mm:ss rounded up, and d.hh:mm:ss from one day', () => {
    expect(formatReplenishIn(0)).toBe('00:00:00');
    expect(formatReplenishIn(1)).toBe('00:00:01');
    expect(formatReplenishIn(3_599_001)).toBe('01:00:00');
    expect(formatReplenishIn(86_399_000)).toBe('23:59:59');
    expect(formatReplenishIn(2 * 86_400_000 + 3_723_000)).toBe('2.01:02:03');
  });
});
