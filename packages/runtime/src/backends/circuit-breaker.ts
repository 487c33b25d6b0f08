// One circuit breaker rule applied to one backend's calls (spec §4.3): a failure is a status in
// statusCodeRanges or an error in errorReasons; `count` failures within `interval` open the breaker for
// tripDuration, or for the backend's Retry-After with acceptRetryAfter; then it closes and starts counting anew.
import type { HeaderMap } from '../http/header-map.ts';
import { CLOSED, type BreakerState } from './breaker-store.ts';
import type { BreakerRule } from './compiled-backend.ts';
import type { BackendFailureReason } from './error-reasons.ts';
import { retryAfterMs } from './retry-after.ts';

export type CallOutcome = { status: number; headers: HeaderMap } | { error: BackendFailureReason };

export function isOpen(state: BreakerState | undefined, now: number): boolean {
  return state?.openUntil != null && now < state.openUntil;
}

export function isFailure(rule: BreakerRule, outcome: CallOutcome): boolean {
  if ('error' in outcome) return rule.reasons.has(outcome.error);
  return rule.ranges.some((range) => outcome.status >= range.min && outcome.status <= range.max);
}

/** The state after one call ended with `outcome` at `now`. */
export function recordOutcome(rule: BreakerRule, previous: BreakerState | undefined, outcome: CallOutcome, now: number): BreakerState {
  let state = previous ?? CLOSED;
  // A call that was already on its way when the breaker opened changes nothing: the breaker is open.
  if (isOpen(state, now)) return state;
  // Open until a time now past: the breaker has closed, and counting starts afresh.
  if (state.openUntil !== null) state = { ...state, failures: [], successes: [], openUntil: null };
  const since = now - rule.intervalMs;
  const failures = state.failures.filter((t) => t > since);
  const successes = rule.percentage === null ? [] : state.successes.filter((t) => t > since);
  const failed = isFailure(rule, outcome);
  if (failed) failures.push(now);
  else if (rule.percentage !== null) successes.push(now);
  if (failed && trips(rule, failures.length, successes.length)) {
    const retryAfter = rule.acceptRetryAfter && 'headers' in outcome ? retryAfterMs(outcome.headers, now) : null;
    const openMs = retryAfter ?? rule.tripMs;
    const cause = 'error' in outcome ? outcome.error : `status ${outcome.status}`;
    const how = retryAfter === null ? `tripDuration ${rule.tripMs} ms` : `Retry-After ${retryAfter} ms`;
    return {
      failures: [],
      successes: [],
      openUntil: now + openMs,
      trips: state.trips + 1,
      lastTrip: { at: now, cause: `${failures.length} failure(s) within ${rule.intervalMs} ms, last ${cause}; open for ${how}` },
    };
  }
  return { ...state, failures, successes };
}

/**
 * [UNCONFIRMED] how `percentage` counts: apimx trips when failures are at least that share of the calls in the
 * interval. With both count and percentage, either trips.
 */
function trips(rule: BreakerRule, failures: number, successes: number): boolean {
  if (rule.count !== null && failures >= rule.count) return true;
  return rule.percentage !== null && (failures * 100) / (failures + successes) >= rule.percentage;
}
