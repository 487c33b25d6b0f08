// The vectors behind the semantic cache (llm-semantic-cache-lookup / -store, spec §3.3): entries of (prompt vector,
// cached value) grouped in partitions (the lookup's vary-by values), each living for its TTL. A search returns
// the live entry of one partition nearest to a vector, if it lies within a cosine distance.
import type { CacheValue } from './cache-store.ts';
import type { MaybePromise } from './maybe-promise.ts';

export interface VectorMatch {
  value: CacheValue;
  /** Cosine distance to the query: 0 for the same direction, 1 for orthogonal, 2 for opposite. */
  distance: number;
}

export interface VectorStore {
  /**
   * The live entry of `partition` nearest to `vector` whose cosine distance is at most `maxDistance`; undefined
   * when none is. Entries of another width (another embeddings model) are never compared.
   */
  nearest(partition: string, vector: Float32Array, maxDistance: number): MaybePromise<VectorMatch | undefined>;
  /** Keep `value` under `key` of `partition` (replacing what the key held) for `ttlSeconds`; a non-positive TTL stores nothing. */
  add(partition: string, key: string, vector: Float32Array, value: CacheValue, ttlSeconds: number): MaybePromise<void>;
}
