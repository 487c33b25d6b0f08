// forward-request tells the breaker of the backend that answered how the call went (spec §4.3). Backends
// without a circuitBreaker rule are left alone: nothing is stored for them.
import type { RequestContext } from '../context/request-context.ts';
import type { HeaderMap } from '../http/header-map.ts';
import { toForwardError } from '../http/forward-error.ts';
import { stateOf } from './backend-state.ts';
import { recordOutcome, type CallOutcome } from './circuit-breaker.ts';
import { compileBackend } from './compiled-backend.ts';
import { clearPendingPick } from './pending-pick.ts';

/** A response came back from `backendId`. */
export function reportBackendResponse(ctx: RequestContext, backendId: string, status: number, headers: HeaderMap): void {
  report(ctx, backendId, { status, headers });
}

/** The call to `backendId` failed (timeout, refused or dropped connection); a client abort is not counted. */
export function reportBackendError(ctx: RequestContext, backendId: string, error: unknown): void {
  const reason = toForwardError(error).reason;
  if (reason !== 'ClientConnectionFailure') report(ctx, backendId, { error: reason });
  else clearPendingPick(ctx);
}

function report(ctx: RequestContext, backendId: string, outcome: CallOutcome): void {
  clearPendingPick(ctx);
  const registry = ctx.services.backends;
  const backend = registry?.get(backendId);
  if (!registry || !backend?.circuitBreaker) return;
  const compiled = compileBackend(backendId, backend, (id) => registry.get(id));
  if (compiled.kind !== 'single' || !compiled.breaker) return;
  const breakers = stateOf(registry).breakers;
  const before = breakers.get(backendId);
  const now = ctx.services.clock.now();
  const after = recordOutcome(compiled.breaker, before, outcome, now);
  if (after === before) return;
  breakers.set(backendId, after);
  if (after.lastTrip && after.lastTrip !== before?.lastTrip) {
    ctx.traces.push({ source: 'backend', severity: 'warning', message: `backend '${backendId}': circuit breaker '${compiled.breaker.name}' tripped: ${after.lastTrip.cause}` });
  }
}
