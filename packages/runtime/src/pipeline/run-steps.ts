// Runs a list of located steps in order: synchronously while steps are synchronous, awaiting only when one
// returns a promise. Every error leaves here as a PolicyFault that knows where it happened, except EndOfFlow.
import type { RequestContext } from '../context/request-context.ts';
import { isStoreUnavailable } from '../stores/redis/store-unavailable-error.ts';
import { errorBody, internalFault, PolicyFault } from './fault.ts';
import { EndOfFlow } from './signals.ts';
import type { PolicyRunLog } from './policy-run-log.ts';
import type { LocatedStep, StepResult } from './step.ts';

export function runSteps(steps: readonly LocatedStep[], ctx: RequestContext, from = 0): StepResult {
  // An empty section has nothing to record: no promise, no extra turn of the microtask queue.
  if (ctx.runLog !== null && from < steps.length) return runRecorded(steps, ctx, ctx.runLog, from);
  for (let i = from; i < steps.length; i++) {
    const located = steps[i]!;
    let result: StepResult;
    try {
      result = runOne(located, ctx);
    } catch (error) {
      throw locate(error, located, ctx);
    }
    if (result !== undefined) {
      return result.then(
        () => runSteps(steps, ctx, i + 1),
        (error: unknown) => {
          throw locate(error, located, ctx);
        },
      );
    }
  }
}

/**
 * The same, recording each policy run for the request trace (only when the host asked for it). Synchronous while
 * the steps are, like runSteps: recording must not add a promise and a microtask turn to every policy.
 */
function runRecorded(steps: readonly LocatedStep[], ctx: RequestContext, log: PolicyRunLog, from: number): StepResult {
  for (let i = from; i < steps.length; i++) {
    const located = steps[i]!;
    const run = log.start(located.location);
    let result: StepResult;
    try {
      result = runOne(located, ctx);
    } catch (error) {
      throw log.failed(run, locate(error, located, ctx));
    }
    if (result !== undefined) {
      return result.then(
        () => {
          log.end(run);
          return runRecorded(steps, ctx, log, i + 1);
        },
        (error: unknown) => {
          throw log.failed(run, locate(error, located, ctx));
        },
      );
    }
    log.end(run);
  }
}

function runOne(located: LocatedStep, ctx: RequestContext): StepResult {
  const { step } = located;
  if (step.readsRequestBody && !ctx.requestBodyBuffered()) {
    return ctx.bufferRequestBody().then(() => step.run(ctx));
  }
  if (step.readsResponseBody && !ctx.responseBodyBuffered()) {
    return ctx.bufferResponseBody().then(() => step.run(ctx));
  }
  return step.run(ctx);
}

/** Turn anything thrown by a step into a fault located at that step (the innermost location wins). */
export function locate(error: unknown, located: LocatedStep, ctx: RequestContext): unknown {
  if (error instanceof EndOfFlow) return error;
  const fault = error instanceof PolicyFault ? error : toFault(error, located.location.source, ctx);
  if (fault.section === null) {
    const { location } = located;
    fault.scope = location.scope;
    fault.section = location.section;
    fault.path = location.path;
    fault.policyId = location.policyId;
  }
  return fault;
}

/** What @apimx/parser's expressions throw: ExpressionEvaluationError, and LimitExceeded for the step budget. */
const EXPRESSION_ERRORS: ReadonlySet<string> = new Set(['ExpressionError', 'ExpressionEvaluationError', 'LimitExceeded']);

function toFault(error: unknown, source: string, ctx: RequestContext): PolicyFault {
  // The compiler's evaluation errors, recognised by name so that the runtime needs no class identity across packages.
  if (error instanceof Error && EXPRESSION_ERRORS.has(error.name)) {
    // An expression that throws is ExpressionValueEvaluationFailure (spec §2.1, §5.1); the caller gets a 500.
    return internalFault(source, 'ExpressionValueEvaluationFailure', error.message, ctx.requestId);
  }
  if (isStoreUnavailable(error)) {
    // A shared store configured to fail closed (onUnavailable: closed) could not be reached: the limit cannot be
    // enforced, so the request is refused as a temporary condition rather than counted as a gateway bug.
    return new PolicyFault(source, 'StoreUnavailable', error.message, {
      status: 503,
      reason: 'Service Unavailable',
      body: errorBody(503, 'The gateway cannot reach its shared counter store. Try again later.'),
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return internalFault(source, null, message, ctx.requestId);
}
