// rate-limit (spec §3.8): `calls` per sliding window per subscription, plus independent limits for the <api> and
// <operation> children that match the request. Applies only when the call carries a subscription.
import type { RequestContext } from '../../context/request-context.ts';
import { consumeRateLimit, validateRateLimit, type RateLimitDecision, type RateLimitSpec } from '../../limits/rate-limit.ts';
import { PolicyError } from '@apimx/parser';
import { andThen, type MaybePromise } from '../../stores/maybe-promise.ts';
import type { PolicyImplementation } from '../types.ts';
import { rateLimitFault, readCounterOutputs, reportAllowed } from './counter-outputs.ts';
import { asStep, instanceKey, literalNumber } from './policy-instance.ts';
import { readScopedLimits } from './scoped-limits.ts';

interface Limit {
  key: string;
  spec: RateLimitSpec;
  applies: (ctx: RequestContext) => boolean;
}

export const rateLimitPolicy: PolicyImplementation = {
  name: 'rate-limit',
  build(node, build) {
    const { counters, clock } = build.services;
    const spec = checked({ calls: literalNumber(node, 'calls') ?? 0, renewalPeriodSeconds: literalNumber(node, 'renewal-period') ?? 0 });
    const limits: Limit[] = [{ key: instanceKey(build.file, node), spec, applies: () => true }];
    for (const scoped of readScopedLimits(build.file, build.elements(node, 'api'), build.elements)) {
      const scopedSpec = checked({ calls: scoped.calls ?? 0, renewalPeriodSeconds: scoped.renewalPeriod ?? 0 });
      limits.push({ key: scoped.key, spec: scopedSpec, applies: scoped.applies });
    }
    const outputs = readCounterOutputs(node);

    function checked(limitSpec: RateLimitSpec): RateLimitSpec {
      try {
        validateRateLimit(limitSpec);
      } catch (error) {
        throw new PolicyError(build.file, node.pos, `rate-limit: ${(error as Error).message}`);
      }
      return limitSpec;
    }

    // Each limit counts in turn; a refusal stops there (limits already passed keep this call counted, as
    // independent counters would in APIM).
    function consumeFrom(ctx: RequestContext, subscriptionId: string, index: number, first: RateLimitDecision | null): MaybePromise<void> {
      if (index >= limits.length) {
        if (first) reportAllowed(ctx, outputs, first);
        return;
      }
      const limit = limits[index]!;
      if (!limit.applies(ctx)) return consumeFrom(ctx, subscriptionId, index + 1, first);
      return andThen(consumeRateLimit(counters, clock, `${limit.key}\u0000${subscriptionId}`, limit.spec), (decision) => {
        if (!decision.allowed) throw rateLimitFault(node.element, ctx, outputs, decision);
        return consumeFrom(ctx, subscriptionId, index + 1, first ?? decision);
      });
    }

    return {
      run(ctx) {
        // Only applied when the call carries a subscription key (spec §3.8, §6).
        const subscription = ctx.Subscription;
        if (!subscription) return;
        return asStep(consumeFrom(ctx, subscription.Id, 0, null));
      },
    };
  },
};
