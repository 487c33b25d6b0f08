// context.Response at the end of the pipeline → the GatewayResponse the host writes back.
import type { RequestContext } from './context/request-context.ts';
import type { GatewayResponse } from './http/types.ts';

export function toGatewayResponse(ctx: RequestContext): GatewayResponse {
  const response = ctx.Response;
  const body = response.Body?.toWire();
  const headers = response.Headers;
  // A body whose bytes are known gets its real length; a stream keeps the backend's framing.
  if (body instanceof Uint8Array) {
    headers.delete('Transfer-Encoding');
    headers.set('Content-Length', String(body.length));
  }
  return { status: response.StatusCode, reason: response.StatusReason || undefined, headers, body };
}
