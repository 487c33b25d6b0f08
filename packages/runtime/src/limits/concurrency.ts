// limit-concurrency (spec §3.8): at most max-count requests inside the block per key; an excess request is refused
// at once (the policy answers 429), never queued.

import type { ConcurrencyStore } from '../stores/concurrency-store.ts';
import type { MaybePromise } from '../stores/maybe-promise.ts';
import { andThen } from '../stores/maybe-promise.ts';

/** Give the slot back; safe to call more than once (only the first call releases). */
export type ReleaseSlot = () => MaybePromise<void>;

/** A release function when a slot was taken, undefined when max-count is already reached. */
export function enterConcurrency(store: ConcurrencyStore, key: string, maxCount: number): MaybePromise<ReleaseSlot | undefined> {
  return andThen(store.acquire(key, maxCount), (acquired) => {
    if (!acquired) return undefined;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      return store.release(key);
    };
  });
}
