import { describe, expect, it } from 'vitest';
import { parseIsoDuration, retryAfterMs } from '../../src/backends/index.ts';
import { HeaderMap } from '../../src/http/header-map.ts';

describe('ISO 8601 durations', () => {
  it('reads weeks, days, hours, minutes and (fractional) seconds', () => {
    expect(parseIsoDuration('PT1M')).toBe(60_000);
    expect(parseIsoDuration('PT1H')).toBe(3_600_000);
    expect(parseIsoDuration('PT0.5S')).toBe(500);
    expect(parseIsoDuration('P1DT2H3M4S')).toBe(86_400_000 + 7_200_000 + 180_000 + 4000);
    expect(parseIsoDuration('P2W')).toBe(14 * 86_400_000);
    expect(parseIsoDuration('pt10s')).toBe(10_000);
  });

  it('refuses what has no fixed length or is not a duration', () => {
    for (const text of ['P1M', 'P1Y', 'P', 'PT', '60', 'PT1M junk', '']) expect(parseIsoDuration(text)).toBeNull();
  });
});

describe('Retry-After from a backend response', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('prefers retry-after-ms, then x-ms-retry-after-ms, then Retry-After seconds or HTTP date', () => {
    expect(retryAfterMs(new HeaderMap({ 'retry-after-ms': '1500', 'retry-after': '9' }), now)).toBe(1500);
    expect(retryAfterMs(new HeaderMap({ 'x-ms-retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(retryAfterMs(new HeaderMap({ 'Retry-After': '9' }), now)).toBe(9000);
    expect(retryAfterMs(new HeaderMap({ 'Retry-After': 'Thu, 01 Jan 2026 12:00:30 GMT' }), now)).toBe(30_000);
    expect(retryAfterMs(new HeaderMap({ 'Retry-After': 'Thu, 01 Jan 2026 11:59:00 GMT' }), now)).toBe(0);
  });

  it('is null when absent or unreadable', () => {
    expect(retryAfterMs(new HeaderMap(), now)).toBeNull();
    expect(retryAfterMs(new HeaderMap({ 'retry-after': 'soon' }), now)).toBeNull();
  });
});
