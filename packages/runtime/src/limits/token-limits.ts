// Per-minute token limits for llm-token-limit / azure-openai-token-limit (spec §3.1), in the two forms APIM uses:
// a token bucket (v2 tiers) and a sliding 60-second window (classic tiers). Both support the three steps the
// policy needs: check before forwarding (refuse once the limit is reached), consume an estimate up front, and
// record actual usage after the response even past the limit (overshoot; later requests then wait).

import type { Clock } from '../clock.ts';
import type { BucketResult, CounterStore, CountMode, SlidingResult } from '../stores/counter-store.ts';
import type { MaybePromise } from '../stores/maybe-promise.ts';
import { andThen } from '../stores/maybe-promise.ts';
import { atLeastOne, retryAfterSeconds } from './retry-after.ts';

const MINUTE_MS = 60_000;

export interface TokenDecision {
  allowed: boolean;
  /** Whole tokens left (never negative). */
  remaining: number;
  /** Seconds until the requested tokens fit (rounded up, at least 1); 0 when allowed. */
  retryAfterSeconds: number;
}

/** The operations both algorithms offer; `tokensPerMinute` is per call since the policy may compute it. */
export interface TokenRateLimiter {
  /** Whether `need` tokens (at least 1) are available now; counts nothing. */
  check(key: string, tokensPerMinute: number, need?: number): MaybePromise<TokenDecision>;
  /** Take `tokens` when they fit; nothing otherwise. */
  consume(key: string, tokensPerMinute: number, tokens: number): MaybePromise<TokenDecision>;
  /** Count `tokens` whatever the limit (negative = give back an over-estimate). */
  record(key: string, tokensPerMinute: number, tokens: number): MaybePromise<TokenDecision>;
}

/** Token bucket: capacity tokens-per-minute, refilled continuously at tokens-per-minute / 60 s; starts full. */
export function tokenBucketLimiter(store: CounterStore, clock: Clock): TokenRateLimiter {
  const step = (key: string, tpm: number, amount: number, mode: CountMode): MaybePromise<TokenDecision> => {
    const rate = tpm / MINUTE_MS;
    return andThen(store.bucketTake('tpm-bucket\u0000' + key, clock.now(), tpm, rate, amount, mode), (r: BucketResult) => ({
      allowed: r.fits,
      remaining: Math.max(0, Math.floor(r.tokens)),
      retryAfterSeconds: r.fits ? 0 : amount > tpm ? 60 : retryAfterSeconds((amount - r.tokens) / rate),
    }));
  };
  return {
    check: (key, tpm, need = 1) => step(key, tpm, atLeastOne(need), 'peek'),
    consume: (key, tpm, tokens) => step(key, tpm, tokens, 'consume'),
    record: (key, tpm, tokens) => step(key, tpm, tokens, 'record'),
  };
}

/** Sliding 60-second window over recorded token amounts (exact, see rate-limit.ts for why a log). */
export function slidingTokenLimiter(store: CounterStore, clock: Clock): TokenRateLimiter {
  const step = (key: string, tpm: number, amount: number, mode: CountMode): MaybePromise<TokenDecision> =>
    andThen(store.slidingAdd('tpm-window\u0000' + key, clock.now(), MINUTE_MS, amount, tpm, mode), (r: SlidingResult) => ({
      allowed: r.fits,
      remaining: Math.max(0, Math.floor(tpm - r.used)),
      retryAfterSeconds: r.fits ? 0 : retryAfterSeconds(r.retryAfterMs),
    }));
  return {
    check: (key, tpm, need = 1) => step(key, tpm, atLeastOne(need), 'peek'),
    consume: (key, tpm, tokens) => step(key, tpm, tokens, 'consume'),
    record: (key, tpm, tokens) => step(key, tpm, tokens, 'record'),
  };
}
