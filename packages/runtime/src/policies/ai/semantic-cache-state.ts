// What llm-semantic-cache-lookup leaves for llm-semantic-cache-store (spec §3.3): on a miss, where and under which
// vector to keep the response; on a hit, that the response came from the cache (the store then does nothing).
import type { RequestContext } from '../../context/request-context.ts';
import type { CachedResponse } from '../caching/cached-response.ts';
import { RequestSlot } from '../../context/request-slot.ts';

export interface SemanticLookup {
  partition: string;
  /** The prompt's hash: the same prompt stored twice replaces its entry. */
  key: string;
  vector: Float32Array;
  hit: boolean;
}

export const semanticLookups = new RequestSlot<SemanticLookup>();

/** A response as the semantic cache keeps it. */
export type SemanticCacheEntry = Pick<CachedResponse, 'status' | 'reason' | 'headers' | 'body'>;

export function traceSemanticCache(ctx: RequestContext, source: string, message: string, severity = 'information'): void {
  ctx.traces.push({ source, severity, message });
}
