// A response as cache-store keeps it and cache-lookup replays it, and what a lookup leaves for the store: the key
// to store under (a miss that may be cached), or nothing (a hit, or a request that may not be cached).
import { ContextResponse, type RequestContext } from '../../context/request-context.ts';
import { MessageBody } from '../../context/message-body.ts';
import { HeaderMap } from '../../http/header-map.ts';
import { RequestSlot } from '../../context/request-slot.ts';

export interface CachedResponse {
  status: number;
  reason: string;
  headers: [string, string[]][];
  body: Uint8Array;
  /** Epoch ms, for Cache-Control max-age on hits. */
  expiresAt: number;
}

/** A cached response as context.Response (a new one, so that outbound policies may change it freely). */
export function replayResponse(cached: Pick<CachedResponse, 'status' | 'reason' | 'headers' | 'body'>): ContextResponse {
  const response = new ContextResponse();
  response.StatusCode = cached.status;
  response.StatusReason = cached.reason;
  response.Headers = new HeaderMap(cached.headers);
  response.Body = new MessageBody(cached.body);
  return response;
}

export interface LookupState {
  /** Null after a hit: the response came from the cache and is not stored again. */
  key: string | null;
  downstream: 'none' | 'private' | 'public';
  mustRevalidate: boolean;
}

export const lookups = new RequestSlot<LookupState>();

/** Cache-Control for the caller when downstream-caching-type allows caching there. */
export function downstreamCacheControl(state: LookupState, maxAgeSeconds: number): string | null {
  if (state.downstream === 'none') return null;
  return `${state.downstream}, max-age=${Math.max(0, Math.floor(maxAgeSeconds))}${state.mustRevalidate ? ', must-revalidate' : ''}`;
}
