// quota-by-key (spec §3.8): calls and/or kilobytes per counter-key value per fixed renewal-period counted from
// first-period-start. Without increment-condition the call is counted up front; with one, it is checked up front
// and counted (calls and bytes) after the response when the condition holds. A key value is incremented at most
// once per request, however many quota-by-key policies name it.
import { PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { checkQuota, consumeQuota, DEFAULT_FIRST_PERIOD_START, parseFirstPeriodStart, recordQuota, type QuotaSpec } from '../../limits/quota.ts';
import { andThen } from '../../stores/maybe-promise.ts';
import type { PolicyImplementation } from '../types.ts';
import { asStep, literal, literalNumber } from './policy-instance.ts';
import { exchangedBytes, quotaFault } from './quota-outputs.ts';
import { RequestSlot } from '../../context/request-slot.ts';

const PREFIX = 'quota-by-key\u0000';

/** Key values already incremented by this request. */
const counted = new RequestSlot<Set<string>>();

function firstCount(ctx: RequestContext, key: string): boolean {
  let keys = counted.get(ctx);
  if (!keys) counted.set(ctx, (keys = new Set()));
  if (keys.has(key)) return false;
  keys.add(key);
  return true;
}

export const quotaByKeyPolicy: PolicyImplementation = {
  name: 'quota-by-key',
  build(node, build) {
    const { counters, clock } = build.services;
    const start = literal(node, 'first-period-start');
    let firstPeriodStart = DEFAULT_FIRST_PERIOD_START;
    try {
      if (start !== null) firstPeriodStart = parseFirstPeriodStart(start);
    } catch (error) {
      throw new PolicyError(build.file, node.attributes['first-period-start']!.pos, (error as Error).message);
    }
    const spec: QuotaSpec = {
      calls: literalNumber(node, 'calls'),
      bandwidthKilobytes: literalNumber(node, 'bandwidth'),
      renewalPeriodSeconds: literalNumber(node, 'renewal-period') ?? 0,
      firstPeriodStart,
    };
    const counterKey = build.string(node, 'counter-key');
    const condition = node.attributes['increment-condition'] ? build.bool(node, 'increment-condition') : null;

    return {
      run(ctx) {
        const key = PREFIX + (counterKey(ctx) ?? '');
        const first = firstCount(ctx, key);
        if (!condition) {
          // A key value this request already counted is only checked, without room for one more.
          const decided = first ? consumeQuota(counters, clock, key, spec) : recordQuota(counters, clock, key, spec, 0, 0);
          return asStep(
            andThen(decided, (decision) => {
              if (!decision.allowed) throw quotaFault(node.element, decision);
              if (first && spec.bandwidthKilobytes !== undefined) {
                ctx.onComplete.push((done) => asStep(recordQuota(counters, clock, key, spec, 0, exchangedBytes(done))));
              }
            }),
          );
        }
        return asStep(
          andThen(checkQuota(counters, clock, key, spec), (decision) => {
            if (!decision.allowed) throw quotaFault(node.element, decision);
            if (!first) return;
            ctx.onComplete.push((done) => {
              if (!condition(done)) return;
              return asStep(recordQuota(counters, clock, key, spec, 1, exchangedBytes(done)));
            });
          }),
        );
      },
    };
  },
};
