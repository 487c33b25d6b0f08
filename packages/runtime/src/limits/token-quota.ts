// Token quotas (token-quota + token-quota-period, spec §3.1): a counter per fixed UTC calendar window.
// Exceeding answers 403; Retry-After is the time until the window ends.

import type { Clock } from '../clock.ts';
import type { CounterStore, CountMode, WindowResult } from '../stores/counter-store.ts';
import type { MaybePromise } from '../stores/maybe-promise.ts';
import { andThen } from '../stores/maybe-promise.ts';
import type { CalendarPeriod } from './calendar-window.ts';
import { calendarWindow } from './calendar-window.ts';
import { atLeastOne, retryAfterSeconds } from './retry-after.ts';

export interface TokenQuotaDecision {
  allowed: boolean;
  remaining: number;
  /** Seconds until the window renews (rounded up, at least 1). Reported even when allowed, for headers. */
  retryAfterSeconds: number;
  windowEnd: number;
}

function step(store: CounterStore, clock: Clock, key: string, quota: number, period: CalendarPeriod, amount: number, mode: CountMode): MaybePromise<TokenQuotaDecision> {
  const now = clock.now();
  const window = calendarWindow(period, now);
  return andThen(store.windowAdd(`token-quota\u0000${period}\u0000${key}`, window.start, window.end, amount, quota, mode), (r: WindowResult) => ({
    allowed: r.fits,
    remaining: Math.max(0, Math.floor(quota - r.count)),
    retryAfterSeconds: retryAfterSeconds(window.end - now),
    windowEnd: window.end,
  }));
}

export function checkTokenQuota(store: CounterStore, clock: Clock, key: string, quota: number, period: CalendarPeriod, need = 1): MaybePromise<TokenQuotaDecision> {
  return step(store, clock, key, quota, period, atLeastOne(need), 'peek');
}

export function consumeTokenQuota(store: CounterStore, clock: Clock, key: string, quota: number, period: CalendarPeriod, tokens: number): MaybePromise<TokenQuotaDecision> {
  return step(store, clock, key, quota, period, tokens, 'consume');
}

export function recordTokenQuota(store: CounterStore, clock: Clock, key: string, quota: number, period: CalendarPeriod, tokens: number): MaybePromise<TokenQuotaDecision> {
  return step(store, clock, key, quota, period, tokens, 'record');
}
