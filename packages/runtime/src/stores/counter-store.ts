// Counters for rate limits, quotas and token limits. Each operation is one atomic step per key (a single
// synchronous call in memory; one Lua script in Redis), so concurrent requests cannot both take the last slot.

import type { MaybePromise } from './maybe-promise.ts';

/**
 * How an operation treats `amount`:
 * - `consume`: add it only when `used + amount <= limit`;
 * - `record`: add it whatever the limit (usage learnt after the fact, e.g. tokens from a response: overshoot);
 * - `peek`: add nothing; report whether `amount` would fit.
 */
export type CountMode = 'consume' | 'record' | 'peek';

export interface SlidingResult {
  /** Sum inside the window after the operation. */
  used: number;
  /** Whether `amount` fitted (for `record`: whether it fitted before being recorded anyway). */
  fits: boolean;
  /** When it did not fit: ms until enough of the window expires for `amount` to fit (the window when it never can). */
  retryAfterMs: number;
}

export interface WindowResult {
  /** Count in the current fixed window after the operation. */
  count: number;
  fits: boolean;
}

export interface BucketResult {
  /** Tokens left after the operation; negative after an overshooting `record`. */
  tokens: number;
  fits: boolean;
}

export interface CounterStore {
  /** Sliding window of `windowMs` ending at `now`: amounts recorded with their time, dropped once older than the window. */
  slidingAdd(key: string, now: number, windowMs: number, amount: number, limit: number, mode: CountMode): MaybePromise<SlidingResult>;
  /** Fixed window [start, end): the count restarts from 0 when `start` differs from the stored window's start. */
  windowAdd(key: string, start: number, end: number, amount: number, limit: number, mode: CountMode): MaybePromise<WindowResult>;
  /** Token bucket holding at most `capacity`, refilled continuously at `refillPerMs`; starts full. */
  bucketTake(key: string, now: number, capacity: number, refillPerMs: number, amount: number, mode: CountMode): MaybePromise<BucketResult>;
}
