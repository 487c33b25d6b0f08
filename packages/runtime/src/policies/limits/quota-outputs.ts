// What quota and quota-by-key answer when a quota is used up (spec §3.8, §5.1): 403 with Retry-After and
// "Out of call volume quota. Quota will be replenished in hh:mm:ss." (or "Out of bandwidth quota. ...").
// Bandwidth counts the bytes of the request and response bodies that apimx can know: buffered bodies, else
// Content-Length (a streamed body of unknown length counts 0).
import type { RequestContext } from '../../context/request-context.ts';
import type { QuotaDecision } from '../../limits/quota.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';

export function quotaFault(source: string, decision: QuotaDecision): PolicyFault {
  const message = decision.message ?? 'Out of call volume quota.';
  const headers: Record<string, string> = {};
  if (decision.retryAfterSeconds !== undefined) headers['Retry-After'] = String(decision.retryAfterSeconds);
  return new PolicyFault(source, 'QuotaExceeded', message, { status: 403, reason: 'Forbidden', headers, body: errorBody(403, message) });
}

/** Request plus response body bytes, as far as they are known once the flow has ended. */
export function exchangedBytes(ctx: RequestContext): number {
  const request = ctx.Request.Body?.length ?? contentLength(ctx.incoming.headers.first('content-length'));
  const response = ctx.Response.Body?.length ?? contentLength(ctx.Response.Headers.first('content-length'));
  return request + response;
}

function contentLength(value: string | undefined): number {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) && n > 0 ? n : 0;
}
