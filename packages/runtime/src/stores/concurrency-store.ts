// In-flight slots per key for limit-concurrency.

import type { MaybePromise } from './maybe-promise.ts';

export interface ConcurrencyStore {
  /** Take a slot when fewer than `max` are held for `key`; false (immediately, never queued) otherwise. */
  acquire(key: string, max: number): MaybePromise<boolean>;
  /** Give back a slot taken by a successful acquire. */
  release(key: string): MaybePromise<void>;
}
