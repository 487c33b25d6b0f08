// rate-limit / rate-limit-by-key (spec §3.8): `calls` per sliding window of `renewal-period` seconds (max 300).
//
// Algorithm: a sliding log (each counted call's time and increment, dropped once older than the window), kept by
// the CounterStore. Chosen over the two-bucket approximation because it is exact: 20 calls in a burst block the
// 21st for the whole window, and Retry-After is the real time until the oldest calls expire. The approximation
// would let calls through early after a bucket boundary, which users testing their limits see as a bug. Memory is
// bounded: calls within 1/1000 of the window are merged into one entry, so a key holds at most ~1000 entries.

import type { Clock } from '../clock.ts';
import type { CounterStore, CountMode, SlidingResult } from '../stores/counter-store.ts';
import type { MaybePromise } from '../stores/maybe-promise.ts';
import { andThen } from '../stores/maybe-promise.ts';
import { atLeastOne, retryAfterSeconds } from './retry-after.ts';

export const MAX_RENEWAL_PERIOD_SECONDS = 300;

export interface RateLimitSpec {
  calls: number;
  renewalPeriodSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Calls left in the window after this step (never negative). */
  remaining: number;
  /** The `calls` value, for total-calls-header-name. */
  total: number;
  /** Seconds until the call would fit (rounded up, at least 1); 0 when allowed. */
  retryAfterSeconds: number;
}

export function validateRateLimit(spec: RateLimitSpec): void {
  if (!Number.isInteger(spec.calls) || spec.calls < 0) throw new RangeError(`calls must be a non-negative integer, got ${spec.calls}`);
  const period = spec.renewalPeriodSeconds;
  if (!(period > 0) || period > MAX_RENEWAL_PERIOD_SECONDS) {
    throw new RangeError(`renewal-period must be between 1 and ${MAX_RENEWAL_PERIOD_SECONDS} seconds, got ${period}`);
  }
}

const PREFIX = 'rate\u0000';

function step(store: CounterStore, clock: Clock, key: string, spec: RateLimitSpec, amount: number, mode: CountMode): MaybePromise<RateLimitDecision> {
  const result = store.slidingAdd(PREFIX + key, clock.now(), spec.renewalPeriodSeconds * 1000, amount, spec.calls, mode);
  return andThen(result, (r: SlidingResult) => ({
    allowed: r.fits,
    remaining: Math.max(0, Math.floor(spec.calls - r.used)),
    total: spec.calls,
    retryAfterSeconds: r.fits ? 0 : retryAfterSeconds(r.retryAfterMs),
  }));
}

/** Count `increment` calls when they fit; refuse (counting nothing) otherwise. The usual path. */
export function consumeRateLimit(store: CounterStore, clock: Clock, key: string, spec: RateLimitSpec, increment = 1): MaybePromise<RateLimitDecision> {
  return step(store, clock, key, spec, increment, 'consume');
}

/** Whether a call of `increment` would fit now, counting nothing (increment-condition decided after the response). */
export function checkRateLimit(store: CounterStore, clock: Clock, key: string, spec: RateLimitSpec, increment = 1): MaybePromise<RateLimitDecision> {
  return step(store, clock, key, spec, atLeastOne(increment), 'peek');
}

/** Count calls whatever the limit (after the response, when increment-condition held). */
export function recordRateLimit(store: CounterStore, clock: Clock, key: string, spec: RateLimitSpec, increment = 1): MaybePromise<RateLimitDecision> {
  return step(store, clock, key, spec, increment, 'record');
}
