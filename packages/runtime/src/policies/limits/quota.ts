// quota (spec §3.8): calls and/or kilobytes per subscription per fixed renewal-period, windows anchored at the
// subscription's start; <api>/<operation> children add independent quotas. Applies only with a subscription.
// Calls are counted up front; bandwidth once the response is known (so the call that crosses the bandwidth
// limit goes through and the next one is refused).
import { CsDateTime } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { consumeQuota, recordQuota, type QuotaSpec } from '../../limits/quota.ts';
import { andThen, type MaybePromise } from '../../stores/maybe-promise.ts';
import type { PolicyImplementation } from '../types.ts';
import { asStep, instanceKey, literalNumber } from './policy-instance.ts';
import { exchangedBytes, quotaFault } from './quota-outputs.ts';
import { readScopedLimits } from './scoped-limits.ts';

interface Quota {
  key: string;
  calls?: number;
  bandwidthKilobytes?: number;
  renewalPeriodSeconds: number;
  applies: (ctx: RequestContext) => boolean;
}

export const quotaPolicy: PolicyImplementation = {
  name: 'quota',
  build(node, build) {
    const { counters, clock } = build.services;
    const renewal = literalNumber(node, 'renewal-period') ?? 0;
    const quotas: Quota[] = [
      {
        key: instanceKey(build.file, node),
        calls: literalNumber(node, 'calls'),
        bandwidthKilobytes: literalNumber(node, 'bandwidth'),
        renewalPeriodSeconds: renewal,
        applies: () => true,
      },
    ];
    for (const scoped of readScopedLimits(build.file, build.elements(node, 'api'), build.elements)) {
      quotas.push({ key: scoped.key, calls: scoped.calls, bandwidthKilobytes: scoped.bandwidth, renewalPeriodSeconds: scoped.renewalPeriod ?? renewal, applies: scoped.applies });
    }

    function consumeFrom(ctx: RequestContext, index: number, counted: { key: string; spec: QuotaSpec }[]): MaybePromise<void> {
      if (index >= quotas.length) {
        const withBandwidth = counted.filter((entry) => entry.spec.bandwidthKilobytes !== undefined);
        if (withBandwidth.length > 0) {
          ctx.onComplete.push((done) => {
            const bytes = exchangedBytes(done);
            const recorded = withBandwidth.map((entry) => recordQuota(counters, clock, entry.key, entry.spec, 0, bytes));
            return asStep(recorded.some((r) => r instanceof Promise) ? Promise.all(recorded) : undefined);
          });
        }
        return;
      }
      const quota = quotas[index]!;
      if (!quota.applies(ctx)) return consumeFrom(ctx, index + 1, counted);
      const subscription = ctx.Subscription!;
      const spec: QuotaSpec = {
        calls: quota.calls,
        bandwidthKilobytes: quota.bandwidthKilobytes,
        renewalPeriodSeconds: quota.renewalPeriodSeconds,
        // "measured from the subscription's start time" (spec §3.8).
        firstPeriodStart: unixMsOf(subscription.StartDate ?? subscription.CreatedDate),
      };
      const key = `quota\u0000${quota.key}\u0000${subscription.Id}`;
      return andThen(consumeQuota(counters, clock, key, spec), (decision) => {
        if (!decision.allowed) throw quotaFault(node.element, decision);
        counted.push({ key, spec });
        return consumeFrom(ctx, index + 1, counted);
      });
    }

    return {
      run(ctx) {
        if (!ctx.Subscription) return;
        return asStep(consumeFrom(ctx, 0, []));
      },
    };
  },
};

/** Subscription dates are the expression model's DateTime values; the quota window wants Unix ms. */
function unixMsOf(date: unknown): number | undefined {
  return date instanceof CsDateTime ? date.unixMs : typeof date === 'number' ? date : undefined;
}
