// The counters behind one llm-token-limit key: a per-minute rate and/or a calendar quota (spec §3.1), over the
// CounterStore (in memory or Redis: every step may be a promise). Each store step is atomic, so concurrent
// requests never both take the last tokens; a refused rate gives back what the quota took for the request.
//
// Rate algorithm: a token bucket (capacity tokens-per-minute, refilled continuously), as APIM's v2 tiers do
// (spec §3.1 item 12), rather than the classic tiers' sliding window: v2 is where the AI gateway features are
// developed, a bucket is one number per key (a sliding log grows with every request), and it frees tokens
// gradually, so the wait after an overshoot is what the overshoot costs rather than a whole minute.
import type { Clock } from '../../clock.ts';
import type { CalendarPeriod } from '../../limits/calendar-window.ts';
import { tokenBucketLimiter, type TokenDecision, type TokenRateLimiter } from '../../limits/token-limits.ts';
import { checkTokenQuota, consumeTokenQuota, recordTokenQuota, type TokenQuotaDecision } from '../../limits/token-quota.ts';
import type { CounterStore } from '../../stores/counter-store.ts';
import { andThen, type MaybePromise } from '../../stores/maybe-promise.ts';
import type { Refusal, Remaining } from './token-limit-outputs.ts';

export interface TokenLimits {
  tokensPerMinute: number | null;
  quota: { tokens: number; period: CalendarPeriod } | null;
}

export type Admission =
  | { allowed: true; remaining: Remaining }
  | { allowed: false; refusal: Refusal; retryAfterSeconds: number; remaining: Remaining };

export class TokenCounters {
  private readonly rate: TokenRateLimiter;

  constructor(private readonly store: CounterStore, private readonly clock: Clock) {
    this.rate = tokenBucketLimiter(store, clock);
  }

  /**
   * `tokens` > 0 (an estimate): take them when they fit, refuse otherwise. 0 (not estimating): refuse only a
   * key already at or over its limits (the overshoot rule: later requests wait until the window frees).
   */
  admit(key: string, limits: TokenLimits, tokens: number): MaybePromise<Admission> {
    const { quota, tokensPerMinute: tpm } = limits;
    const quotaStep: MaybePromise<TokenQuotaDecision | null> = quota === null
      ? null
      : tokens > 0
        ? consumeTokenQuota(this.store, this.clock, key, quota.tokens, quota.period, tokens)
        : checkTokenQuota(this.store, this.clock, key, quota.tokens, quota.period, 1);
    return andThen(quotaStep, (q): MaybePromise<Admission> => {
      if (q !== null && !q.allowed) {
        return { allowed: false, refusal: 'quota', retryAfterSeconds: q.retryAfterSeconds, remaining: { tokens: null, quota: q.remaining } };
      }
      const rateStep: MaybePromise<TokenDecision | null> = tpm === null ? null : tokens > 0 ? this.rate.consume(key, tpm, tokens) : this.rate.check(key, tpm, 1);
      return andThen(rateStep, (r): MaybePromise<Admission> => {
        const remaining: Remaining = { tokens: r?.remaining ?? null, quota: q?.remaining ?? null };
        if (r === null || r.allowed) return { allowed: true, remaining };
        const refused: Admission = { allowed: false, refusal: 'rate', retryAfterSeconds: r.retryAfterSeconds, remaining };
        if (q === null || tokens <= 0) return refused;
        return andThen(recordTokenQuota(this.store, this.clock, key, quota!.tokens, quota!.period, -tokens), (back) => {
          refused.remaining.quota = back.remaining;
          return refused;
        });
      });
    });
  }

  /** Count `delta` whatever the limits (actual usage minus what admit took; negative gives tokens back). */
  record(key: string, limits: TokenLimits, delta: number): MaybePromise<Remaining> {
    const { quota, tokensPerMinute: tpm } = limits;
    const quotaStep = quota === null ? null : recordTokenQuota(this.store, this.clock, key, quota.tokens, quota.period, delta);
    return andThen(quotaStep, (q) =>
      andThen(tpm === null ? null : this.rate.record(key, tpm, delta), (r) => ({ tokens: r?.remaining ?? null, quota: q?.remaining ?? null })),
    );
  }
}
