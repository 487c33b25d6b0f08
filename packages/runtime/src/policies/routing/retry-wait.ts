// How long retry waits before each retry (spec §3.7). The three strategies are those of Microsoft's transient
// fault handling (which the attribute set mirrors): only interval → fixed; interval + delta → linear; interval +
// delta + max-interval → exponential with a random factor of 0.8-1.2 on delta, capped at max-interval. The retry
// index counts from 0, so the docs' 10/10/100 example waits ≈10, 20, 40, 80, then 100 s. first-fast-retry makes
// the first retry immediate without shifting the rest of the sequence.

export interface RetryTiming {
  intervalMs: number;
  deltaMs: number | null;
  maxIntervalMs: number | null;
  firstFastRetry: boolean;
}

/** Milliseconds to wait before retry number `retry` (0 = the first retry). `random` returns [0, 1). */
export function retryWait(timing: RetryTiming, retry: number, random: () => number = Math.random): number {
  if (retry === 0 && timing.firstFastRetry) return 0;
  const { intervalMs, deltaMs, maxIntervalMs } = timing;
  if (deltaMs === null) return intervalMs;
  if (maxIntervalMs === null) return intervalMs + retry * deltaMs;
  const spread = deltaMs * (0.8 + 0.4 * random());
  return Math.round(Math.min(intervalMs + (2 ** retry - 1) * spread, maxIntervalMs));
}
