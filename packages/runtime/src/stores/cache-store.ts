// Key-value cache behind cache-lookup-value / cache-store-value / cache-remove-value and cache-lookup/-store.

import type { MaybePromise } from './maybe-promise.ts';

/** Any serialisable value, or bytes. */
export type CacheValue = unknown;

export interface CacheStore {
  /** The value, or undefined on a miss (absent or expired). */
  get(key: string): MaybePromise<CacheValue | undefined>;
  /** Store for `ttlSeconds` (> 0); a non-positive TTL removes the key. */
  set(key: string, value: CacheValue, ttlSeconds: number): MaybePromise<void>;
  /** True when a live entry was removed. */
  remove(key: string): MaybePromise<boolean>;
}
