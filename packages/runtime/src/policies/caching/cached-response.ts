// A response as cache-store keeps it and cache-lookup replays it, and what a lookup leaves for the store: the key
// to store under (a miss that may be cached), or nothing (a hit, or a request that may not be cached).
import type { RequestContext } from '../../context/request-context.ts';

export interface CachedResponse {
  status: number;
  reason: string;
  headers: [string, string[]][];
  body: Uint8Array;
  /** Epoch ms, for Cache-Control max-age on hits. */
  expiresAt: number;
}

export interface LookupState {
  /** Null after a hit: the response came from the cache and is not stored again. */
  key: string | null;
  downstream: 'none' | 'private' | 'public';
  mustRevalidate: boolean;
}

export const lookups = new WeakMap<RequestContext, LookupState>();

/** Cache-Control for the caller when downstream-caching-type allows caching there. */
export function downstreamCacheControl(state: LookupState, maxAgeSeconds: number): string | null {
  if (state.downstream === 'none') return null;
  return `${state.downstream}, max-age=${Math.max(0, Math.floor(maxAgeSeconds))}${state.mustRevalidate ? ', must-revalidate' : ''}`;
}
