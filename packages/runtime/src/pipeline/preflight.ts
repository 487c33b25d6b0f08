// CORS preflights (spec §3.11 cors): "Only the cors policy is evaluated on the OPTIONS request during preflight.
// Remaining configured policies are evaluated on the approved request." So when the effective inbound section has
// cors policies as direct children, a preflight runs those alone, in order: the first that matches answers; an
// unmatched one with terminate-unmatched-request="true" answers with an empty 200 at once; with "false" the next
// cors is tried, and when none is left the answer is an empty 200 (the docs' "look for other in-scope cors policies
// that are direct children of the inbound element ... If no cors policies are found, ... an empty 200 OK").
// An operation defined for OPTIONS is not a preflight: its policies run as for any request (the docs' note).
import { ContextResponse, type RequestContext } from '../context/request-context.ts';
import { locate } from './run-steps.ts';
import type { LocatedStep } from './step.ts';

export function preflightSteps(inbound: readonly LocatedStep[]): readonly LocatedStep[] {
  return inbound.filter((located) => located.step.answerPreflight !== undefined);
}

export function isPreflight(ctx: RequestContext): boolean {
  const request = ctx.Request;
  return (
    request.Method === 'OPTIONS' &&
    ctx.Operation.Method !== 'OPTIONS' &&
    request.Headers.has('Origin') &&
    request.Headers.has('Access-Control-Request-Method')
  );
}

/** Answer the preflight with the section's cors policies; a failing one faults like any policy of inbound. */
export function answerPreflight(steps: readonly LocatedStep[], ctx: RequestContext): void {
  ctx.section = 'inbound';
  for (const located of steps) {
    try {
      if (located.step.answerPreflight!(ctx)) return;
    } catch (error) {
      throw locate(error, located, ctx);
    }
  }
  ctx.Response = new ContextResponse();
}
