// quota / quota-by-key (spec §3.8): calls and/or bandwidth (kilobytes) per fixed window of renewal-period seconds,
// windows counted from first-period-start (default 0001-01-01T00:00:00Z); renewal-period 0 = one endless window.
// Calls are counted atomically before forwarding (consumeQuota) or after the response when an
// increment-condition decides (checkQuota then recordQuota); bandwidth is only known after the response.

import type { Clock } from '../clock.ts';
import type { CounterStore, CountMode, WindowResult } from '../stores/counter-store.ts';
import type { MaybePromise } from '../stores/maybe-promise.ts';
import { andThen } from '../stores/maybe-promise.ts';
import { formatReplenishIn } from './replenish-format.ts';
import { retryAfterSeconds } from './retry-after.ts';

/** 0001-01-01T00:00:00Z (Date.UTC maps year 1 to 1901, so parse the string). */
export const DEFAULT_FIRST_PERIOD_START = Date.parse('0001-01-01T00:00:00Z');

export interface QuotaSpec {
  calls?: number;
  bandwidthKilobytes?: number;
  /** 0 = infinite (a lifetime quota). */
  renewalPeriodSeconds: number;
  /** Epoch ms; default DEFAULT_FIRST_PERIOD_START. */
  firstPeriodStart?: number;
}

export interface QuotaDecision {
  allowed: boolean;
  /** Which limit refused the call. */
  exceeded?: 'calls' | 'bandwidth';
  remainingCalls?: number;
  remainingKilobytes?: number;
  /** End of the current window (Infinity for renewal-period 0). */
  windowEnd: number;
  /** Seconds until the window renews (rounded up, at least 1); undefined for an endless window. */
  retryAfterSeconds?: number;
  /** "hh:mm:ss" / "d.hh:mm:ss" until renewal; undefined for an endless window. */
  replenishIn?: string;
  /** APIM's message when refused. */
  message?: string;
}

export interface QuotaWindow {
  start: number;
  end: number;
}

export function parseFirstPeriodStart(text: string): number {
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new RangeError(`first-period-start is not an ISO 8601 date-time: ${text}`);
  return time;
}

export function quotaWindow(spec: QuotaSpec, now: number): QuotaWindow {
  const origin = spec.firstPeriodStart ?? DEFAULT_FIRST_PERIOD_START;
  const period = spec.renewalPeriodSeconds * 1000;
  if (period <= 0) return { start: origin, end: Infinity };
  const index = Math.floor((now - origin) / period);
  const start = origin + index * period;
  return { start, end: start + period };
}

const CALLS = 'quota-calls\u0000';
const BYTES = 'quota-bytes\u0000';

interface Usage {
  calls?: WindowResult;
  bytes?: WindowResult;
}

function decide(spec: QuotaSpec, window: QuotaWindow, now: number, usage: Usage, blocked?: 'calls' | 'bandwidth'): QuotaDecision {
  const decision: QuotaDecision = { allowed: blocked === undefined, windowEnd: window.end };
  if (spec.calls !== undefined && usage.calls) decision.remainingCalls = Math.max(0, spec.calls - usage.calls.count);
  if (spec.bandwidthKilobytes !== undefined && usage.bytes) {
    decision.remainingKilobytes = Math.max(0, Math.floor((spec.bandwidthKilobytes * 1024 - usage.bytes.count) / 1024));
  }
  if (Number.isFinite(window.end)) {
    decision.retryAfterSeconds = retryAfterSeconds(window.end - now);
    decision.replenishIn = formatReplenishIn(window.end - now);
  }
  if (blocked) {
    const what = blocked === 'calls' ? 'call volume' : 'bandwidth';
    decision.exceeded = blocked;
    decision.message = decision.replenishIn
      ? `Out of ${what} quota. Quota will be replenished in ${decision.replenishIn}.`
      : `Out of ${what} quota.`;
  }
  return decision;
}

function run(
  store: CounterStore,
  clock: Clock,
  key: string,
  spec: QuotaSpec,
  calls: number,
  bytes: number,
  callMode: CountMode,
  byteMode: CountMode,
): MaybePromise<QuotaDecision> {
  const now = clock.now();
  const window = quotaWindow(spec, now);
  const callLimit = spec.calls ?? Infinity;
  const byteLimit = spec.bandwidthKilobytes === undefined ? Infinity : spec.bandwidthKilobytes * 1024;
  const callStep = spec.calls === undefined ? undefined : store.windowAdd(CALLS + key, window.start, window.end, calls, callLimit, callMode);
  const byteStep = spec.bandwidthKilobytes === undefined ? undefined : store.windowAdd(BYTES + key, window.start, window.end, bytes, byteLimit, byteMode);
  return andThen(callStep, (callResult) =>
    andThen(byteStep, (byteResult) => {
      const usage: Usage = { calls: callResult, bytes: byteResult };
      const blocked = callResult && !callResult.fits ? 'calls' : byteResult && !byteResult.fits ? 'bandwidth' : undefined;
      return decide(spec, window, now, usage, blocked);
    }),
  );
}

/** Count one call (or `calls`) when the call quota has room and the bandwidth quota is not used up. */
export function consumeQuota(store: CounterStore, clock: Clock, key: string, spec: QuotaSpec, calls = 1): MaybePromise<QuotaDecision> {
  // Bandwidth is checked first (peek 1 byte) so a call refused for bandwidth is not counted against calls.
  const now = clock.now();
  const window = quotaWindow(spec, now);
  if (spec.bandwidthKilobytes === undefined) return run(store, clock, key, spec, calls, 0, 'consume', 'peek');
  const bytes = store.windowAdd(BYTES + key, window.start, window.end, 1, spec.bandwidthKilobytes * 1024, 'peek');
  return andThen(bytes, (b) =>
    b.fits ? run(store, clock, key, spec, calls, 1, 'consume', 'peek') : run(store, clock, key, spec, 1, 1, 'peek', 'peek'),
  );
}

/** Whether a call would be allowed now, counting nothing. */
export function checkQuota(store: CounterStore, clock: Clock, key: string, spec: QuotaSpec): MaybePromise<QuotaDecision> {
  return run(store, clock, key, spec, 1, 1, 'peek', 'peek');
}

/** Count calls and bytes (request + response) after the fact, whatever the limit. */
export function recordQuota(store: CounterStore, clock: Clock, key: string, spec: QuotaSpec, calls: number, bytes: number): MaybePromise<QuotaDecision> {
  return run(store, clock, key, spec, calls, bytes, 'record', 'record');
}
