import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { checkRateLimit, consumeRateLimit, recordRateLimit, validateRateLimit } from '../../src/limits/rate-limit.ts';
import type { RateLimitDecision } from '../../src/limits/rate-limit.ts';
import { MemoryCounterStore } from '../../src/stores/memory-counter-store.ts';

function setup() {
  return { store: new MemoryCounterStore(), clock: new ManualClock(Date.parse('2026-01-01T00:00:00Z')) };
}

// The in-memory store answers synchronously; the type allows a promise for Redis.
const sync = (d: RateLimitDecision | Promise<RateLimitDecision>) => d as RateLimitDecision;

describe('rate-limit sliding window (spec §3.8, T18)', () => {
  it('allows 20 calls per 90 s, refuses the 21st with Retry-After and counts remaining down', () => {
    const { store, clock } = setup();
    const spec = { calls: 20, renewalPeriodSeconds: 90 };
    for (let i = 0; i < 20; i++) {
      const d = sync(consumeRateLimit(store, clock, 'sub1', spec));
      expect(d.allowed).toBe(true);
      expect(d.remaining).toBe(19 - i);
      expect(d.total).toBe(20);
      clock.advance(1000);
    }
    const refused = sync(consumeRateLimit(store, clock, 'sub1', spec));
    expect(refused).toEqual({ allowed: false, remaining: 0, total: 20, retryAfterSeconds: 70 });
  });

  it('is a sliding window: the oldest call frees its slot exactly one period later', () => {
    const { store, clock } = setup();
    const spec = { calls: 2, renewalPeriodSeconds: 10 };
    sync(consumeRateLimit(store, clock, 'k', spec));
    clock.advance(4000);
    sync(consumeRateLimit(store, clock, 'k', spec));
    clock.advance(5999);
    expect(sync(consumeRateLimit(store, clock, 'k', spec))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(sync(consumeRateLimit(store, clock, 'k', spec))).toMatchObject({ allowed: true, remaining: 0 });
    // the call at t=4 s still counts until t=14 s
    clock.advance(3000);
    expect(sync(consumeRateLimit(store, clock, 'k', spec))).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('a burst blocks for the whole window, not just until a bucket boundary', () => {
    const { store, clock } = setup();
    const spec = { calls: 5, renewalPeriodSeconds: 60 };
    clock.advance(59_000);
    for (let i = 0; i < 5; i++) sync(consumeRateLimit(store, clock, 'k', spec));
    clock.advance(5000);
    expect(sync(consumeRateLimit(store, clock, 'k', spec))).toMatchObject({ allowed: false, retryAfterSeconds: 55 });
  });

  it('keeps keys apart and honours increment-count', () => {
    const { store, clock } = setup();
    const spec = { calls: 10, renewalPeriodSeconds: 60 };
    expect(sync(consumeRateLimit(store, clock, 'a', spec, 7)).remaining).toBe(3);
    expect(sync(consumeRateLimit(store, clock, 'a', spec, 4)).allowed).toBe(false);
    expect(sync(consumeRateLimit(store, clock, 'a', spec, 3)).remaining).toBe(0);
    expect(sync(consumeRateLimit(store, clock, 'b', spec, 4)).remaining).toBe(6);
  });

  it('an increment larger than calls is refused with the whole window as Retry-After', () => {
    const { store, clock } = setup();
    expect(sync(consumeRateLimit(store, clock, 'k', { calls: 3, renewalPeriodSeconds: 30 }, 5))).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
  });

  it('check counts nothing; record counts past the limit (increment-condition after the response, T19)', () => {
    const { store, clock } = setup();
    const spec = { calls: 2, renewalPeriodSeconds: 60 };
    expect(sync(checkRateLimit(store, clock, 'ip', spec)).allowed).toBe(true);
    expect(sync(checkRateLimit(store, clock, 'ip', spec)).remaining).toBe(2);
    sync(recordRateLimit(store, clock, 'ip', spec));
    sync(recordRateLimit(store, clock, 'ip', spec));
    const third = sync(recordRateLimit(store, clock, 'ip', spec));
    expect(third).toMatchObject({ allowed: false, remaining: 0 });
    clock.advance(1000);
    expect(sync(checkRateLimit(store, clock, 'ip', spec))).toMatchObject({ allowed: false, retryAfterSeconds: 59 });
  });

  it('rejects renewal periods above 300 s and bad call counts', () => {
    expect(() => validateRateLimit({ calls: 1, renewalPeriodSeconds: 301 })).toThrow(/renewal-period/);
    expect(() => validateRateLimit({ calls: 1, renewalPeriodSeconds: 0 })).toThrow(/renewal-period/);
    expect(() => validateRateLimit({ calls: -1, renewalPeriodSeconds: 60 })).toThrow(/calls/);
    expect(() => validateRateLimit({ calls: 20, renewalPeriodSeconds: 300 })).not.toThrow();
  });

  it('bounds memory: a flood of calls merges into at most ~1000 log entries and idle keys are swept', () => {
    const { store, clock } = setup();
    const spec = { calls: 1_000_000, renewalPeriodSeconds: 10 };
    for (let i = 0; i < 100_000; i++) {
      sync(consumeRateLimit(store, clock, 'hot', spec));
      clock.advance(1);
    }
    // 100 s of calls, 10 s window: the last 9,999 calls count exactly, plus at most one 10 ms slot kept late
    const used = 1_000_000 - sync(checkRateLimit(store, clock, 'hot', spec)).remaining;
    expect(used).toBeGreaterThanOrEqual(9_999);
    expect(used).toBeLessThanOrEqual(10_009);
    for (let i = 0; i < 5000; i++) sync(consumeRateLimit(store, clock, `ip-${i}`, spec));
    clock.advance(11_000);
    for (let i = 0; i < 6000; i++) sync(checkRateLimit(store, clock, 'other', spec));
    expect(store.size).toBeLessThan(10);
  });
});
