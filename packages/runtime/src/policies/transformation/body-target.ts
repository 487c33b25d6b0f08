// The body a transformation reads or replaces: the request's in inbound/backend, the response's in outbound,
// on-error and inside return-response (spec §3.9 set-body, find-and-replace).
import { MessageBody } from '../../context/message-body.ts';
import { discardBody } from '../../http/read-body.ts';
import type { RequestContext } from '../../context/request-context.ts';
import { targetsResponse } from './message-target.ts';

export function targetBody(ctx: RequestContext): MessageBody | null {
  return targetsResponse(ctx) ? ctx.Response.Body : ctx.Request.Body;
}

/** Replace the target body with `text` as UTF-8. The gateway frames it (Content-Length) when it is sent. */
export function replaceBody(ctx: RequestContext, text: string): void {
  const body = new MessageBody(Buffer.from(text, 'utf8'));
  if (targetsResponse(ctx)) {
    releaseResponseBody(ctx);
    ctx.Response.Body = body;
  } else {
    ctx.Request.Body = body;
    // The client's length no longer describes the body; the forwarder computes the new one.
    ctx.Request.Headers.delete('Content-Length');
  }
}

/** Buffer the target body if it is still a stream; undefined when it already is in memory. */
export function bufferTarget(ctx: RequestContext): Promise<void> | undefined {
  const body = targetBody(ctx);
  return body && !body.buffered ? body.buffer() : undefined;
}

/**
 * A backend response body still streaming when the pipeline drops it (set-body, return-response, mock-response)
 * is destroyed, freeing its socket, as forward-request does. The client's request stream is left alone: destroying
 * it would close the client's connection before it gets an answer.
 */
export function releaseResponseBody(ctx: RequestContext, keep: MessageBody | null = null): void {
  const previous = ctx.Response.Body;
  if (previous && previous !== keep && !previous.buffered) discardBody(previous.toWire());
}
