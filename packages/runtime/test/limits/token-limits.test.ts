import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { calendarWindow, parseCalendarPeriod } from '../../src/limits/calendar-window.ts';
import { slidingTokenLimiter, tokenBucketLimiter } from '../../src/limits/token-limits.ts';
import type { TokenDecision, TokenRateLimiter } from '../../src/limits/token-limits.ts';
import { checkTokenQuota, consumeTokenQuota, recordTokenQuota } from '../../src/limits/token-quota.ts';
import type { TokenQuotaDecision } from '../../src/limits/token-quota.ts';
import { MemoryCounterStore } from '../../src/stores/memory-counter-store.ts';

const sync = (d: TokenDecision | Promise<TokenDecision>) => d as TokenDecision;
const syncQ = (d: TokenQuotaDecision | Promise<TokenQuotaDecision>) => d as TokenQuotaDecision;

const kinds: [string, (s: MemoryCounterStore, c: ManualClock) => TokenRateLimiter][] = [
  ['token bucket', tokenBucketLimiter],
  ['sliding window', slidingTokenLimiter],
];

describe.each(kinds)('tokens-per-minute, %s', (_name, make) => {
  it('lets the overshooting request through, then refuses until the window frees up (T1, T4)', () => {
    const clock = new ManualClock(1_000_000);
    const limiter = make(new MemoryCounterStore(), clock);
    // estimate-prompt-tokens=false: check, forward, record the actual usage
    expect(sync(limiter.check('ip', 100)).allowed).toBe(true);
    expect(sync(limiter.record('ip', 100, 60)).remaining).toBe(40);
    expect(sync(limiter.check('ip', 100)).allowed).toBe(true);
    const over = sync(limiter.record('ip', 100, 70));
    expect(over.remaining).toBe(0);
    const refused = sync(limiter.check('ip', 100));
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    clock.advance(refused.retryAfterSeconds * 1000);
    expect(sync(limiter.check('ip', 100)).allowed).toBe(true);
  });

  it('consume takes an estimate only when it fits', () => {
    const clock = new ManualClock(0);
    const limiter = make(new MemoryCounterStore(), clock);
    expect(sync(limiter.consume('k', 1000, 800)).remaining).toBe(200);
    const refused = sync(limiter.consume('k', 1000, 300));
    expect(refused).toMatchObject({ allowed: false, remaining: 200 });
    expect(sync(limiter.consume('k', 1000, 200))).toMatchObject({ allowed: true, remaining: 0 });
    expect(sync(limiter.consume('other', 1000, 1000))).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('a negative record gives back an over-estimate', () => {
    const clock = new ManualClock(0);
    const limiter = make(new MemoryCounterStore(), clock);
    sync(limiter.consume('k', 1000, 900));
    expect(sync(limiter.record('k', 1000, -400)).remaining).toBe(500);
  });
});

describe('token bucket specifics', () => {
  it('refills continuously at tokens-per-minute / 60 and caps at capacity', () => {
    const clock = new ManualClock(0);
    const limiter = tokenBucketLimiter(new MemoryCounterStore(), clock);
    sync(limiter.consume('k', 600, 600));
    const refused = sync(limiter.check('k', 600, 50));
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 5 });
    clock.advance(5000);
    expect(sync(limiter.check('k', 600, 50))).toMatchObject({ allowed: true, remaining: 50 });
    clock.advance(3_600_000);
    expect(sync(limiter.check('k', 600)).remaining).toBe(600);
  });

  it('after an overshoot, waits for the debt to refill', () => {
    const clock = new ManualClock(0);
    const limiter = tokenBucketLimiter(new MemoryCounterStore(), clock);
    sync(limiter.record('k', 60, 120)); // 60 tokens in debt at 1 token/s
    expect(sync(limiter.check('k', 60)).retryAfterSeconds).toBe(61);
  });
});

describe('sliding window specifics', () => {
  it('frees tokens exactly 60 s after they were counted', () => {
    const clock = new ManualClock(0);
    const limiter = slidingTokenLimiter(new MemoryCounterStore(), clock);
    sync(limiter.record('k', 100, 70));
    clock.advance(20_000);
    sync(limiter.record('k', 100, 40));
    const refused = sync(limiter.check('k', 100));
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 40 });
    clock.advance(40_000);
    expect(sync(limiter.check('k', 100))).toMatchObject({ allowed: true, remaining: 60 });
  });
});

describe('calendar windows (token-quota-period)', () => {
  const at = Date.parse('2026-07-15T13:45:30.250Z'); // a Wednesday
  it.each([
    ['Hourly', '2026-07-15T13:00:00.000Z', '2026-07-15T14:00:00.000Z'],
    ['Daily', '2026-07-15T00:00:00.000Z', '2026-07-16T00:00:00.000Z'],
    ['Weekly', '2026-07-13T00:00:00.000Z', '2026-07-20T00:00:00.000Z'],
    ['Monthly', '2026-07-01T00:00:00.000Z', '2026-08-01T00:00:00.000Z'],
    ['Yearly', '2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'],
  ] as const)('%s truncates UTC time to the unit', (period, start, end) => {
    const w = calendarWindow(period, at);
    expect([new Date(w.start).toISOString(), new Date(w.end).toISOString()]).toEqual([start, end]);
  });

  it('weeks start on Monday: a Sunday belongs to the week that began six days before', () => {
    const w = calendarWindow('Weekly', Date.parse('2026-07-19T23:59:59Z'));
    expect(new Date(w.start).toISOString()).toBe('2026-07-13T00:00:00.000Z');
    expect(new Date(calendarWindow('Weekly', Date.parse('2026-07-20T00:00:00Z')).start).toISOString()).toBe('2026-07-20T00:00:00.000Z');
  });

  it('December rolls into the next year', () => {
    const w = calendarWindow('Monthly', Date.parse('2026-12-31T23:00:00Z'));
    expect(new Date(w.end).toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('parses period names case-insensitively and rejects others', () => {
    expect(parseCalendarPeriod('monthly')).toBe('Monthly');
    expect(() => parseCalendarPeriod('Fortnightly')).toThrow(/token-quota-period/);
  });
});

describe('token quota (T3)', () => {
  it('counts per UTC month, allows the overshooting request, refuses the next until the month ends', () => {
    const clock = new ManualClock(Date.parse('2026-02-27T12:00:00Z'));
    const store = new MemoryCounterStore();
    expect(syncQ(checkTokenQuota(store, clock, 'sub', 1000, 'Monthly')).remaining).toBe(1000);
    expect(syncQ(recordTokenQuota(store, clock, 'sub', 1000, 'Monthly', 900)).remaining).toBe(100);
    expect(syncQ(consumeTokenQuota(store, clock, 'sub', 1000, 'Monthly', 200)).allowed).toBe(false);
    syncQ(recordTokenQuota(store, clock, 'sub', 1000, 'Monthly', 200));
    const refused = syncQ(checkTokenQuota(store, clock, 'sub', 1000, 'Monthly'));
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 36 * 3600 });
    clock.set(Date.parse('2026-03-01T00:00:00Z'));
    expect(syncQ(checkTokenQuota(store, clock, 'sub', 1000, 'Monthly'))).toMatchObject({ allowed: true, remaining: 1000 });
  });

  it('keeps different periods of the same key apart', () => {
    const clock = new ManualClock(0);
    const store = new MemoryCounterStore();
    syncQ(recordTokenQuota(store, clock, 'k', 10, 'Daily', 10));
    expect(syncQ(checkTokenQuota(store, clock, 'k', 10, 'Daily')).allowed).toBe(false);
    expect(syncQ(checkTokenQuota(store, clock, 'k', 10, 'Hourly')).allowed).toBe(true);
  });
});
