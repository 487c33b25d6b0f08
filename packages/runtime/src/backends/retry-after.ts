// How long a backend asks to be left alone: `retry-after-ms` and `x-ms-retry-after-ms` (milliseconds, as Azure
// OpenAI sends them) are preferred for precision, then `Retry-After` as delay-seconds or an HTTP date (RFC 9110).
import type { HeaderMap } from '../http/header-map.ts';

/** Milliseconds from `now`, or null when the response names no usable delay. */
export function retryAfterMs(headers: HeaderMap, now: number): number | null {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const value = headers.first(name)?.trim();
    if (value && /^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  }
  const value = headers.first('retry-after')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}
