// A pool member chosen for a request but not yet sent to. Policies often set the same pool twice before one
// forward (the backend-pool-load-balancing lab sets it in inbound and again inside retry); in APIM the member
// is chosen per forwarded attempt, so a second set-backend-service keeps the pick until forward-request has
// used it, instead of moving the rotation on twice per request.
import type { RequestContext } from '../context/request-context.ts';
import { RequestSlot } from '../context/request-slot.ts';

const pending = new RequestSlot<{ pool: string; member: string }>();

export function pendingPick(ctx: RequestContext, pool: string): string | undefined {
  const pick = pending.get(ctx);
  return pick?.pool === pool ? pick.member : undefined;
}

export function setPendingPick(ctx: RequestContext, pool: string, member: string): void {
  pending.set(ctx, { pool, member });
}

/** forward-request sent the request: the next set-backend-service picks afresh. */
export function clearPendingPick(ctx: RequestContext): void {
  pending.delete(ctx);
}
