// .NET date and time format strings (standard and custom) with the invariant culture.
// [UNCONFIRMED] APIM's gateway culture: we print with the invariant culture, so DateTime.ToString() is
// "MM/dd/yyyy HH:mm:ss" (not en-US "M/d/yyyy h:mm:ss tt").
import { ExpressionError } from '../registry.ts';
import { DAY_NAMES, MONTH_NAMES, type Civil } from './calendar.ts';

/** What a format needs to know about the value beyond its civil fields. */
export interface Stamp {
  civil: Civil;
  /** Ticks below the second, 0..9999999. */
  fraction: number;
  /** `K`: 'Z' for UTC DateTime, '' for Unspecified, an offset otherwise. */
  kindSuffix: string;
  /** Offset from UTC in minutes for z/zz/zzz (0 for DateTime: the gateway runs in UTC). */
  offsetMinutes: number;
}

const STANDARD: Readonly<Record<string, string>> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd', M: 'MMMM dd',
  o: 'yyyy\'-\'MM\'-\'dd\'T\'HH\':\'mm\':\'ss\'.\'fffffffK', O: 'yyyy\'-\'MM\'-\'dd\'T\'HH\':\'mm\':\'ss\'.\'fffffffK',
  r: 'ddd, dd MMM yyyy HH\':\'mm\':\'ss \'GMT\'', R: 'ddd, dd MMM yyyy HH\':\'mm\':\'ss \'GMT\'',
  s: 'yyyy\'-\'MM\'-\'dd\'T\'HH\':\'mm\':\'ss',
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: 'yyyy\'-\'MM\'-\'dd HH\':\'mm\':\'ss\'Z\'',
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  y: 'yyyy MMMM', Y: 'yyyy MMMM',
};

export function badFormat(): never {
  throw new ExpressionError('Input string was not in a correct format.', 'FormatException');
}

/** Expand a one-letter standard format to its custom pattern; longer formats are custom already. */
export function expandStandard(format: string): string {
  if (format.length !== 1) return format;
  const pattern = STANDARD[format];
  if (pattern === undefined) badFormat();
  return pattern;
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

function offsetText(minutes: number, width: 1 | 2 | 3): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  if (width === 3) return `${sign}${pad(h, 2)}:${pad(abs % 60, 2)}`;
  return sign + (width === 2 ? pad(h, 2) : String(h));
}

/** Format a stamp with a custom pattern (after `expandStandard`). */
export function formatCustom(stamp: Stamp, pattern: string): string {
  const c = stamp.civil;
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i]!;
    let n = 1;
    while (pattern[i + n] === ch && 'dfFghHKmMstyz'.includes(ch)) n++;
    switch (ch) {
      case 'd': out += n === 1 ? String(c.day) : n === 2 ? pad(c.day, 2) : n === 3 ? DAY_NAMES[c.dayOfWeek]!.slice(0, 3) : DAY_NAMES[c.dayOfWeek]; break;
      case 'f': case 'F': {
        if (n > 7) badFormat();
        const digits = pad(stamp.fraction, 7).slice(0, n);
        out += ch === 'f' ? digits : digits.replace(/0+$/, '');
        // "F" drops a preceding '.' when nothing follows it.
        if (ch === 'F' && /0+$/.test(digits) && Number(digits) === 0 && out.endsWith('.')) out = out.slice(0, -1);
        break;
      }
      case 'g': out += 'A.D.'; break;
      case 'h': out += pad(c.hour % 12 || 12, Math.min(n, 2)); break;
      case 'H': out += pad(c.hour, Math.min(n, 2)); break;
      case 'K': out += stamp.kindSuffix; break;
      case 'm': out += pad(c.minute, Math.min(n, 2)); break;
      case 'M': out += n === 1 ? String(c.month) : n === 2 ? pad(c.month, 2) : n === 3 ? MONTH_NAMES[c.month - 1]!.slice(0, 3) : MONTH_NAMES[c.month - 1]; break;
      case 's': out += pad(c.second, Math.min(n, 2)); break;
      case 't': out += (c.hour < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2); break;
      case 'y': out += n === 1 ? String(c.year % 100) : n === 2 ? pad(c.year % 100, 2) : pad(c.year, n); break;
      case 'z': out += offsetText(stamp.offsetMinutes, Math.min(n, 3) as 1 | 2 | 3); break;
      case ':': out += ':'; break;
      case '/': out += '/'; break;
      case '%': break;
      case '\\':
        if (i + 1 >= pattern.length) badFormat();
        out += pattern[i + 1]; n = 2; break;
      case '\'': case '"': {
        const end = pattern.indexOf(ch, i + 1);
        if (end < 0) badFormat();
        out += pattern.slice(i + 1, end);
        n = end - i + 1;
        break;
      }
      default: out += ch;
    }
    i += n;
  }
  return out;
}
