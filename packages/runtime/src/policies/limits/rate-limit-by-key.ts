// rate-limit-by-key (spec §3.8): `calls` per sliding window per counter-key value, shared by every policy that
// uses the same key value. Without increment-condition a call is counted before it goes on; with one, the call is
// only checked up front and counted once the response is known, when the condition holds (the documented example
// tests context.Response.StatusCode from inbound, T19).
import type { RequestContext } from '../../context/request-context.ts';
import { checkRateLimit, consumeRateLimit, recordRateLimit, validateRateLimit, type RateLimitSpec } from '../../limits/rate-limit.ts';
import { andThen } from '../../stores/maybe-promise.ts';
import type { PolicyImplementation } from '../types.ts';
import { rateLimitFault, readCounterOutputs, reportAllowed, setHeaders } from './counter-outputs.ts';
import { asStep } from './policy-instance.ts';

const PREFIX = 'rate-limit-by-key\u0000';

export const rateLimitByKeyPolicy: PolicyImplementation = {
  name: 'rate-limit-by-key',
  build(node, build) {
    const { counters, clock } = build.services;
    const calls = build.number(node, 'calls');
    const period = build.number(node, 'renewal-period');
    const counterKey = build.string(node, 'counter-key');
    const incrementCount = build.number(node, 'increment-count');
    const condition = node.attributes['increment-condition'] ? build.bool(node, 'increment-condition') : null;
    const outputs = readCounterOutputs(node);

    function specOf(ctx: RequestContext): RateLimitSpec {
      const spec = { calls: calls(ctx) ?? 0, renewalPeriodSeconds: period(ctx) ?? 0 };
      validateRateLimit(spec);
      return spec;
    }

    return {
      run(ctx) {
        const key = PREFIX + (counterKey(ctx) ?? '');
        const spec = specOf(ctx);
        if (!condition) {
          const decided = andThen(consumeRateLimit(counters, clock, key, spec, incrementCount(ctx) ?? 1), (decision) => {
            if (!decision.allowed) throw rateLimitFault(node.element, ctx, outputs, decision);
            reportAllowed(ctx, outputs, decision);
          });
          return asStep(decided);
        }
        const checked = andThen(checkRateLimit(counters, clock, key, spec), (decision) => {
          if (!decision.allowed) throw rateLimitFault(node.element, ctx, outputs, decision);
          if (outputs.remainingVariable) ctx.Variables.set(outputs.remainingVariable, decision.remaining, 'int');
          ctx.onComplete.push((done) => {
            // The condition (and the count) are evaluated against the final response.
            if (!condition(done)) {
              setHeaders(done, outputs, decision);
              return;
            }
            return asStep(andThen(recordRateLimit(counters, clock, key, spec, incrementCount(done) ?? 1), (after) => setHeaders(done, outputs, after)));
          });
        });
        return asStep(checked);
      },
    };
  },
};
