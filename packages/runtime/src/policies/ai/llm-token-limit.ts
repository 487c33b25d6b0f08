// llm-token-limit / azure-openai-token-limit (spec §3.1, §8): prompt + completion tokens per counter-key value,
// per minute (429) and/or per calendar quota (403). With estimate-prompt-tokens="true", and always for streaming
// requests, the prompt is estimated and taken before forwarding (refused without calling the backend when it
// does not fit); otherwise the request passes unless the key is already over, and the response's usage is
// recorded whatever the limit (overshoot: later requests wait). Either way the estimate is reconciled with the
// usage the backend reports (the difference is recorded), or with what the stream's deltas come to.
import { parseCalendarPeriod } from '../../limits/calendar-window.ts';
import type { RequestContext } from '../../context/request-context.ts';
import { andThen, type MaybePromise } from '../../stores/maybe-promise.ts';
import { asStep } from '../limits/policy-instance.ts';
import type { PolicyImplementation } from '../types.ts';
import { requestTokens } from './request-tokens.ts';
import { TokenCounters, type TokenLimits } from './token-counters.ts';
import {
  readTokenLimitOutputs,
  setRemainingHeaders,
  setRemainingVariables,
  setTokensConsumed,
  tokenLimitFault,
  type Remaining,
  type TokenLimitOutputs,
} from './token-limit-outputs.ts';
import type { StreamUsageReport, TokenUsage } from '../../tokens/index.ts';
import { watchUsage, type UsageListener } from './usage-watch.ts';

// One counter per key value across every scope and both policy names (spec §3.1 item 10).
const KEY_PREFIX = 'llm-token-limit\u0000';

export const llmTokenLimit: PolicyImplementation = {
  name: 'llm-token-limit',
  build(node, build) {
    const { counters: store, clock } = build.services;
    const counters = new TokenCounters(store, clock);
    const counterKey = build.string(node, 'counter-key');
    const tokensPerMinute = build.number(node, 'tokens-per-minute');
    const quota = build.number(node, 'token-quota');
    const period = build.string(node, 'token-quota-period');
    const estimate = build.bool(node, 'estimate-prompt-tokens');
    const consumedName = node.attributes['tokens-consumed-variable-name'] ? build.string(node, 'tokens-consumed-variable-name') : null;
    const outputs = readTokenLimitOutputs(node, consumedName);
    const source = node.element;

    function limitsOf(ctx: RequestContext): TokenLimits {
      const tokens = quota(ctx);
      const p = period(ctx);
      return { tokensPerMinute: tokensPerMinute(ctx), quota: tokens === null || p === null ? null : { tokens, period: parseCalendarPeriod(p) } };
    }

    const policy: LimitPolicy = { counters, outputs };

    function admit(ctx: RequestContext, key: string, limits: TokenLimits, charged: number): MaybePromise<void> {
      return andThen(counters.admit(key, limits, charged), (admission) => {
        if (!admission.allowed) throw tokenLimitFault(source, ctx, outputs, admission.refusal, admission.retryAfterSeconds, admission.remaining);
        setRemainingVariables(ctx, outputs, admission.remaining);
        // tokens-consumed in backend: the estimate, or 0 when not estimating (spec §3.1).
        setTokensConsumed(ctx, outputs, charged, false);
        watchUsage(ctx, new Reconcile(policy, key, limits, charged, admission.remaining));
      });
    }

    return {
      // The body tells whether the request streams, and what its prompt costs.
      readsRequestBody: true,
      run(ctx) {
        const key = KEY_PREFIX + (counterKey(ctx) ?? '');
        const limits = limitsOf(ctx);
        const tokens = requestTokens(ctx);
        // Streaming requests are always estimated (spec §3.1 item 6).
        if (estimate(ctx) === true || tokens.streaming) {
          const prompt = tokens.prompt();
          return asStep(prompt instanceof Promise ? prompt.then((n) => admit(ctx, key, limits, n)) : admit(ctx, key, limits, prompt));
        }
        return asStep(admit(ctx, key, limits, 0));
      },
    };
  },
};

interface LimitPolicy {
  counters: TokenCounters;
  outputs: TokenLimitOutputs;
}

/** Settles what admit took with the usage the backend reports (a class: no closures per request). */
class Reconcile implements UsageListener {
  constructor(
    private readonly policy: LimitPolicy,
    private readonly key: string,
    private readonly limits: TokenLimits,
    private readonly charged: number,
    private readonly admitted: Remaining,
  ) {}

  response(ctx: RequestContext, usage: TokenUsage | null | 'stream'): MaybePromise<void> {
    if (usage === 'stream') {
      // The headers leave before the stream's usage is known: they carry the prompt estimate.
      setTokensConsumed(ctx, this.policy.outputs, this.charged, true);
      setRemainingHeaders(ctx, this.policy.outputs, this.admitted);
      return;
    }
    // [UNCONFIRMED] a response without usage: an error status means the model counted nothing, so an
    // estimate taken up front is given back; a success keeps it.
    if (usage === null) return this.settle(ctx, ctx.Response.StatusCode >= 400 ? 0 : this.charged, true);
    // Only prompt and completion tokens count (spec §3.1 item 3).
    return this.settle(ctx, usage.promptTokens + usage.completionTokens, true);
  }

  streamEnded(ctx: RequestContext, report: StreamUsageReport): MaybePromise<void> {
    return this.settle(ctx, report.usage.promptTokens + report.usage.completionTokens, false);
  }

  private settle(ctx: RequestContext, actual: number, headersOpen: boolean): MaybePromise<void> {
    const recorded = this.policy.counters.record(this.key, this.limits, actual - this.charged);
    if (recorded instanceof Promise) return recorded.then((remaining) => this.report(ctx, remaining, actual, headersOpen));
    this.report(ctx, recorded, actual, headersOpen);
  }

  private report(ctx: RequestContext, remaining: Remaining, actual: number, headersOpen: boolean): void {
    const { outputs } = this.policy;
    setRemainingVariables(ctx, outputs, remaining);
    setTokensConsumed(ctx, outputs, actual, headersOpen);
    if (headersOpen) setRemainingHeaders(ctx, outputs, remaining);
  }
}
