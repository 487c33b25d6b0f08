// Which message a transformation policy changes: the request in inbound and backend, the response in outbound
// and on-error (spec §3.9), and always the response being built inside return-response.
import type { RequestContext } from '../../context/request-context.ts';
import { RequestSlot } from '../../context/request-slot.ts';

/** Requests currently building a return-response: their set-header/set-body/set-status target the response. */
const returning = new RequestSlot<true>();

export function targetsResponse(ctx: RequestContext): boolean {
  const section = ctx.section;
  return section === 'outbound' || section === 'on-error' || returning.has(ctx);
}

/** Mark the request as building a response until `leaveResponseScope` (return-response's children). */
export function enterResponseScope(ctx: RequestContext): void {
  returning.set(ctx, true);
}

export function leaveResponseScope(ctx: RequestContext): void {
  returning.delete(ctx);
}
