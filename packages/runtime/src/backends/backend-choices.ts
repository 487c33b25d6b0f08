// What resolveBackend chose for a request and why, kept beside the request context (for the request trace and
// tests) and also written to context traces as text.
import type { RequestContext } from '../context/request-context.ts';
import { RequestSlot } from '../context/request-slot.ts';

export interface BackendChoice {
  /** The id set-backend-service named (a pool or a single backend). */
  requested: string;
  /** The backend that receives the request; null when none was available. */
  backendId: string | null;
  /** Priority group of the chosen member, for a pool. */
  priority: number | null;
  /** Members skipped because their breaker is open, with when they close (epoch ms). */
  skipped: readonly { id: string; openUntil: number }[];
  /** One line for the trace. */
  reason: string;
}

const choices = new RequestSlot<BackendChoice[]>();

export function recordChoice(ctx: RequestContext, choice: BackendChoice): void {
  let list = choices.get(ctx);
  if (!list) choices.set(ctx, (list = []));
  list.push(choice);
  ctx.traces.push({ source: 'backend', severity: choice.backendId ? 'information' : 'error', message: choice.reason });
}

/** Every choice made for this request, in order (one per set-backend-service run, retries included). */
export function backendChoices(ctx: RequestContext): readonly BackendChoice[] {
  return choices.get(ctx) ?? [];
}
