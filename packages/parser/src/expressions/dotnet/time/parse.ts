// DateTime.Parse / ParseExact: the shapes policies feed them (ISO 8601, RFC 1123, invariant M/d/yyyy, month
// names), read into fields; `date-time-parse.ts` turns fields into a DateTime with .NET's Kind rules.
import { MONTH_NAMES, isValidDate } from './calendar.ts';
import { expandStandard } from './format.ts';

export interface Fields {
  year?: number; month?: number; day?: number;
  hour: number; minute: number; second: number;
  /** Ticks below the second. */
  fraction: number;
  /** Offset from UTC in minutes when the text carried one ('Z', 'GMT', '+02:00'); otherwise undefined. */
  offset?: number;
  /** The offset came from 'Z'/'GMT' (for RoundtripKind). */
  utcMarker?: boolean;
}

const MONTHS_SHORT = MONTH_NAMES.map((m) => m.slice(0, 3).toLowerCase());

function monthFromName(name: string): number | undefined {
  const i = MONTHS_SHORT.indexOf(name.slice(0, 3).toLowerCase());
  if (i < 0) return undefined;
  const full = MONTH_NAMES[i]!.toLowerCase();
  return name.length === 3 || full === name.toLowerCase() ? i + 1 : undefined;
}

function fractionTicks(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 7).padEnd(7, '0')) : 0;
}

function parseOffset(text: string | undefined, into: Fields): boolean {
  if (!text) return true;
  const t = text.trim().toUpperCase();
  if (t === 'Z' || t === 'GMT' || t === 'UTC') { into.offset = 0; into.utcMarker = true; return true; }
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  if (!m) return false;
  const h = Number(m[2]), mi = Number(m[3] ?? 0);
  if (h > 14 || mi > 59) return false;
  into.offset = (m[1] === '-' ? -1 : 1) * (h * 60 + mi);
  return true;
}

function setTime(f: Fields, h?: string, mi?: string, s?: string, frac?: string, ampm?: string): boolean {
  let hour = Number(h ?? 0);
  if (ampm) {
    if (hour < 1 || hour > 12) return false;
    hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  }
  f.hour = hour; f.minute = Number(mi ?? 0); f.second = Number(s ?? 0); f.fraction = fractionTicks(frac);
  return f.hour < 24 && f.minute < 60 && f.second < 60;
}

const CLOCK = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7})\d*)?)?\s*(AM|PM)?`;
const TIME = String.raw`(?:[T\s]+${CLOCK})?`;
const ZONE = String.raw`\s*(Z|GMT|UTC|[+-]\d{1,2}(?::?\d{2})?)?`;
const DAYNAME = String.raw`(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?`;

const ISO = new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})${TIME}${ZONE}$`, 'i');
const SLASHED = new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})${TIME}${ZONE}$`, 'i');
const DAY_FIRST = new RegExp(String.raw`^${DAYNAME}(\d{1,2})[\s-]+([A-Za-z]+)[\s-]+(\d{4})${TIME}${ZONE}$`, 'i');
const MONTH_FIRST = new RegExp(String.raw`^${DAYNAME}([A-Za-z]+)\s+(\d{1,2}),?\s+(\d{4})${TIME}${ZONE}$`, 'i');
const TIME_ONLY = new RegExp(String.raw`^${CLOCK}${ZONE}$`, 'i');

/** Lenient DateTime.Parse (invariant culture). Null when the text is not a date .NET would read. */
export function parseLoose(input: string): Fields | null {
  const text = input.trim();
  const f: Fields = { hour: 0, minute: 0, second: 0, fraction: 0 };
  let m: RegExpExecArray | null;
  let rest: (string | undefined)[];
  if ((m = ISO.exec(text))) {
    f.year = Number(m[1]); f.month = Number(m[2]); f.day = Number(m[3]); rest = m.slice(4);
  } else if ((m = SLASHED.exec(text))) {
    f.month = Number(m[1]); f.day = Number(m[2]); f.year = Number(m[3]); rest = m.slice(4);
  } else if ((m = DAY_FIRST.exec(text))) {
    f.day = Number(m[1]); f.month = monthFromName(m[2]!); f.year = Number(m[3]); rest = m.slice(4);
  } else if ((m = MONTH_FIRST.exec(text))) {
    f.month = monthFromName(m[1]!); f.day = Number(m[2]); f.year = Number(m[3]); rest = m.slice(4);
  } else if ((m = TIME_ONLY.exec(text))) {
    rest = m.slice(1);
  } else {
    return null;
  }
  if (!setTime(f, rest[0], rest[1], rest[2], rest[3], rest[4])) return null;
  if (!parseOffset(rest[5], f)) return null;
  if (f.year !== undefined && !isValidDate(f.year, f.month ?? 0, f.day!)) return null;
  return f;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

type Setter = (f: Fields, text: string) => boolean;

/** DateTime.ParseExact with one .NET format (standard letters expand to their pattern). */
export function parseExact(input: string, format: string): Fields | null {
  const pattern = expandStandard(format);
  let re = '';
  const setters: Setter[] = [];
  let ampm: string | undefined;
  let hour12: number | undefined;
  const group = (body: string, set: Setter): void => { re += `(${body})`; setters.push(set); };
  const num = (key: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second'): Setter => (f, t) => { f[key] = Number(t); return true; };
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i]!;
    let n = 1;
    while (pattern[i + n] === ch && 'dfFhHmMstyz'.includes(ch)) n++;
    switch (ch) {
      case 'y': group(n <= 2 ? '\\d{2}' : `\\d{${n}}`, (f, t) => { f.year = n <= 2 ? 2000 + Number(t) - (Number(t) > 49 ? 100 : 0) : Number(t); return true; }); break;
      case 'M':
        if (n <= 2) group(n === 1 ? '\\d{1,2}' : '\\d{2}', num('month'));
        else group('[A-Za-z]+', (f, t) => { f.month = monthFromName(t); return f.month !== undefined && (n === 3) === (t.length === 3); });
        break;
      case 'd':
        if (n <= 2) group(n === 1 ? '\\d{1,2}' : '\\d{2}', num('day'));
        else group('[A-Za-z]+', () => true);
        break;
      case 'H': group(n === 1 ? '\\d{1,2}' : '\\d{2}', num('hour')); break;
      case 'h': group(n === 1 ? '\\d{1,2}' : '\\d{2}', (_f, t) => { hour12 = Number(t); return hour12 >= 1 && hour12 <= 12; }); break;
      case 'm': group(n === 1 ? '\\d{1,2}' : '\\d{2}', num('minute')); break;
      case 's': group(n === 1 ? '\\d{1,2}' : '\\d{2}', num('second')); break;
      case 'f': group(`\\d{${n}}`, (f, t) => { f.fraction = fractionTicks(t); return true; }); break;
      case 'F': group(`\\d{0,${n}}`, (f, t) => { f.fraction = fractionTicks(t); return true; }); break;
      case 't': group(n === 1 ? '[AP]' : '[AP]M', (_f, t) => { ampm = t.toUpperCase(); return true; }); break;
      case 'K': group('Z|[+-]\\d{2}:\\d{2}|', (f, t) => parseOffset(t, f)); break;
      case 'z': group(n === 1 ? '[+-]\\d{1,2}' : n === 2 ? '[+-]\\d{2}' : '[+-]\\d{2}:\\d{2}', (f, t) => parseOffset(t, f)); break;
      case 'Z': group('Z', (f) => { f.offset = 0; f.utcMarker = true; return true; }); break;
      case '\\': re += escapeRe(pattern[i + 1] ?? ''); n = 2; break;
      case '%': break;
      case '\'': case '"': {
        const end = pattern.indexOf(ch, i + 1);
        if (end < 0) return null;
        const lit = pattern.slice(i + 1, end);
        // 'GMT' of the R pattern and the quoted 'Z' of the u pattern still mean UTC.
        if (lit === 'GMT' || (lit === 'Z' && format === 'u')) group(escapeRe(lit), (f) => { f.offset = 0; f.utcMarker = true; return true; });
        else re += escapeRe(lit);
        n = end - i + 1;
        break;
      }
      default: re += escapeRe(ch);
    }
    i += n;
  }
  const m = new RegExp(`^${re}$`, 'i').exec(input);
  if (!m) return null;
  const f: Fields = { hour: 0, minute: 0, second: 0, fraction: 0 };
  for (let g = 0; g < setters.length; g++) if (!setters[g]!(f, m[g + 1]!)) return null;
  if (hour12 !== undefined) f.hour = (hour12 % 12) + (ampm?.startsWith('P') ? 12 : 0);
  else if (ampm !== undefined && f.hour > 12) return null;
  else if (ampm?.startsWith('P') && f.hour < 12) f.hour += 12;
  if (f.hour > 23 || f.minute > 59 || f.second > 59) return null;
  if (f.year !== undefined || f.month !== undefined || f.day !== undefined) {
    f.year ??= 1; f.month ??= 1; f.day ??= 1;
    if (!isValidDate(f.year, f.month, f.day)) return null;
  }
  return f;
}
