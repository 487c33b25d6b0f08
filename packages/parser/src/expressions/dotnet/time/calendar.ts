// Proleptic Gregorian calendar arithmetic on .NET's epoch (0001-01-01T00:00:00), in milliseconds.
// JS Date does the civil conversions; only the Date.UTC two-digit-year trap needs care.

export const TICKS_PER_MS = 10_000;
export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;
export const TICKS_PER_SECOND = 10_000_000;
export const TICKS_PER_MINUTE = 600_000_000;
export const TICKS_PER_HOUR = 36_000_000_000;
export const TICKS_PER_DAY = 864_000_000_000;

/** Milliseconds from 0001-01-01 to 1970-01-01. */
export const UNIX_EPOCH_MS = 62_135_596_800_000;
/** Last millisecond of 9999-12-31 (DateTime.MaxValue is that plus 9999 ticks). */
export const MAX_MS = 315_537_897_599_999;

export interface Civil {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number; millisecond: number;
  /** 0 = Sunday, as .NET's DayOfWeek. */
  dayOfWeek: number;
}

export function toCivil(ms: number): Civil {
  const d = new Date(ms - UNIX_EPOCH_MS);
  return {
    year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(),
    hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(), dayOfWeek: d.getUTCDay(),
  };
}

/** Milliseconds since 0001-01-01 for a date and time that are already validated. */
export function fromCivil(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millisecond = 0): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millisecond);
  return d.getTime() + UNIX_EPOCH_MS;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS[month - 1]!;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day)
    && year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
