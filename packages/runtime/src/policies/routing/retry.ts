// retry (spec §3.7): run the child policies once, then while `condition` holds and fewer than `count` retries
// were made, wait and run them again. The condition is evaluated after every run. Waits go through
// services.sleep so tests record them instead of spending them.
import type { RequestContext } from '../../context/request-context.ts';
import { clientAborted } from '../../http/forward-error.ts';
import { runSteps } from '../../pipeline/run-steps.ts';
import type { StepResult } from '../../pipeline/step.ts';
import { timerSleep } from '../../sleep.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { backendFault } from './backend-fault.ts';
import { retryWait, type RetryTiming } from './retry-wait.ts';

const MAX_COUNT = 50;

export const retry: PolicyImplementation = {
  name: 'retry',
  build(node, build) {
    const condition = build.bool(node, 'condition');
    const count = build.number(node, 'count');
    const interval = build.number(node, 'interval');
    const maxInterval = build.number(node, 'max-interval');
    const delta = build.number(node, 'delta');
    const firstFastRetry = build.bool(node, 'first-fast-retry');
    const children = build.policies(node, '');
    const sleep = build.services.sleep ?? timerSleep;

    const timing = (ctx: RequestContext): RetryTiming => ({
      intervalMs: seconds(interval(ctx), 'interval') ?? 0,
      deltaMs: seconds(delta(ctx), 'delta'),
      maxIntervalMs: seconds(maxInterval(ctx), 'max-interval'),
      firstFastRetry: firstFastRetry(ctx) ?? false,
    });

    // After `done` retries: run again? [INFERRED] as in transient fault handling, the condition is evaluated
    // after every run, the last one included, before the count is checked. An error inside the children is
    // not retried: it leaves retry for on-error (use send-request ignore-error to retry failed calls, T16).
    const again = (ctx: RequestContext, done: number): boolean => condition(ctx) === true && done < retryCount(count, ctx);

    const loop = async (ctx: RequestContext): Promise<void> => {
      const waits = timing(ctx);
      for (let done = 0; ; ) {
        await sleep.delay(retryWait(waits, done));
        // Nobody is waiting for the answer any more: stop instead of calling the backend again.
        if (ctx.incoming.signal?.aborted) throw backendFault('retry', clientAborted(), ctx);
        await runSteps(children, ctx);
        done++;
        if (!again(ctx, done)) return;
      }
    };

    return {
      run(ctx): StepResult {
        const first = runSteps(children, ctx);
        if (first === undefined) return again(ctx, 0) ? loop(ctx) : undefined;
        return first.then(() => (again(ctx, 0) ? loop(ctx) : undefined));
      },
    };
  },
};

function retryCount(count: Getter<number | null>, ctx: RequestContext): number {
  const value = count(ctx);
  if (value === null || !Number.isInteger(value) || value < 1 || value > MAX_COUNT) {
    throw new RangeError(`retry: count must be an integer from 1 to ${MAX_COUNT}, got ${value}`);
  }
  return value;
}

function seconds(value: number | null, name: string): number | null {
  if (value === null) return null;
  if (!(value >= 0)) throw new RangeError(`retry: ${name} must be 0 or more seconds, got ${value}`);
  return value * 1000;
}
