// Fixed UTC calendar windows for token quotas (token-quota-period, spec §3.1: "window start = current UTC time
// truncated to the unit"). Weekly: the docs do not say where a week starts [UNCONFIRMED]; we choose ISO 8601 weeks,
// Monday 00:00 UTC, because "truncate to the week" has no culture-neutral meaning other than ISO's.

export type CalendarPeriod = 'Hourly' | 'Daily' | 'Weekly' | 'Monthly' | 'Yearly';

export const CALENDAR_PERIODS: readonly CalendarPeriod[] = ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface CalendarWindow {
  start: number;
  end: number;
}

/** Case-insensitive parse of a token-quota-period value. */
export function parseCalendarPeriod(text: string): CalendarPeriod {
  const found = CALENDAR_PERIODS.find((p) => p.toLowerCase() === text.trim().toLowerCase());
  if (!found) throw new RangeError(`token-quota-period must be one of ${CALENDAR_PERIODS.join(', ')}, got "${text}"`);
  return found;
}

export function calendarWindow(period: CalendarPeriod, now: number): CalendarWindow {
  switch (period) {
    case 'Hourly': {
      const start = Math.floor(now / HOUR) * HOUR;
      return { start, end: start + HOUR };
    }
    case 'Daily': {
      const start = Math.floor(now / DAY) * DAY;
      return { start, end: start + DAY };
    }
    case 'Weekly': {
      const dayStart = Math.floor(now / DAY) * DAY;
      const sinceMonday = (new Date(dayStart).getUTCDay() + 6) % 7;
      const start = dayStart - sinceMonday * DAY;
      return { start, end: start + 7 * DAY };
    }
    case 'Monthly': {
      const date = new Date(now);
      const start = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
      return { start, end: Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1) };
    }
    case 'Yearly': {
      const year = new Date(now).getUTCFullYear();
      return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
    }
  }
}
