// System.TimeSpan as a value: a tick count in a JS number. Spans up to 2^53 ticks (about 28.5 years) are
// exact, which covers what policies measure (ages, timeouts, retry windows); longer ones round.
import { ExpressionError } from '../registry.ts';
import { TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_MS, TICKS_PER_SECOND } from './calendar.ts';

export const MAX_TICKS = 9_223_372_036_854_775_807;

export class CsTimeSpan {
  constructor(readonly ticks: number) {}
  get days(): number { return Math.trunc(this.ticks / TICKS_PER_DAY); }
  get hours(): number { return Math.trunc(this.ticks / TICKS_PER_HOUR) % 24; }
  get minutes(): number { return Math.trunc(this.ticks / TICKS_PER_MINUTE) % 60; }
  get seconds(): number { return Math.trunc(this.ticks / TICKS_PER_SECOND) % 60; }
  get milliseconds(): number { return Math.trunc(this.ticks / TICKS_PER_MS) % 1000; }
}

export const ZERO = new CsTimeSpan(0);

function tooLong(): never {
  throw new ExpressionError('TimeSpan overflowed because the duration is too long.', 'OverflowException');
}

export function spanOf(ticks: number): CsTimeSpan {
  if (!Number.isFinite(ticks) || Math.abs(ticks) > MAX_TICKS) tooLong();
  return new CsTimeSpan(Math.trunc(ticks) + 0);
}

/** TimeSpan.FromDays/FromHours/... : value × ticks-per-unit, truncated to a tick (.NET Core behaviour). */
export function fromUnits(value: number, ticksPerUnit: number): CsTimeSpan {
  if (Number.isNaN(value)) throw new ExpressionError('TimeSpan does not accept floating point Not-a-Number values.', 'ArgumentException');
  return spanOf(value * ticksPerUnit);
}

/** `new TimeSpan(h, m, s)`, `(d, h, m, s)`, `(d, h, m, s, ms)`, `(ticks)`. */
export function construct(args: number[]): CsTimeSpan {
  if (args.length === 1) return spanOf(args[0]!);
  const [d, h, m, s, ms] = args.length === 3 ? [0, args[0]!, args[1]!, args[2]!, 0] : [args[0]!, args[1]!, args[2]!, args[3]!, args[4] ?? 0];
  return spanOf(d * TICKS_PER_DAY + h * TICKS_PER_HOUR + m * TICKS_PER_MINUTE + s * TICKS_PER_SECOND + ms * TICKS_PER_MS);
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0');

interface Parts { neg: boolean; d: number; h: number; m: number; s: number; f: number }

function parts(ts: CsTimeSpan): Parts {
  const neg = ts.ticks < 0;
  let t = Math.abs(ts.ticks);
  const d = Math.floor(t / TICKS_PER_DAY); t -= d * TICKS_PER_DAY;
  const h = Math.floor(t / TICKS_PER_HOUR); t -= h * TICKS_PER_HOUR;
  const m = Math.floor(t / TICKS_PER_MINUTE); t -= m * TICKS_PER_MINUTE;
  const s = Math.floor(t / TICKS_PER_SECOND); t -= s * TICKS_PER_SECOND;
  return { neg, d, h, m, s, f: Math.round(t) };
}

/** ToString with a standard (c, t, T, g, G) or custom (hh\:mm, dd\.hh...) format. */
export function formatTimeSpan(ts: CsTimeSpan, format?: string | null): string {
  const p = parts(ts);
  const sign = p.neg ? '-' : '';
  const fraction7 = pad(p.f, 7);
  switch (format ?? '') {
    case '': case 'c': case 't': case 'T':
      return `${sign}${p.d ? `${p.d}.` : ''}${pad(p.h, 2)}:${pad(p.m, 2)}:${pad(p.s, 2)}${p.f ? `.${fraction7}` : ''}`;
    case 'g':
      return `${sign}${p.d ? `${p.d}:` : ''}${p.h}:${pad(p.m, 2)}:${pad(p.s, 2)}${p.f ? `.${fraction7.replace(/0+$/, '')}` : ''}`;
    case 'G':
      return `${sign}${p.d}:${pad(p.h, 2)}:${pad(p.m, 2)}:${pad(p.s, 2)}.${fraction7}`;
  }
  return formatCustom(p, format!, fraction7);
}

function badFormat(): never {
  throw new ExpressionError('Input string was not in a correct format.', 'FormatException');
}

// Custom TimeSpan formats: d..dddddddd, h/hh, m/mm, s/ss, f../F.., quoted literals and backslash escapes.
// Unlike DateTime formats, every other character must be escaped or quoted.
function formatCustom(p: Parts, format: string, fraction7: string): string {
  let out = '';
  for (let i = 0; i < format.length;) {
    const c = format[i]!;
    let n = 1;
    while (format[i + n] === c && 'dhmsfF'.includes(c)) n++;
    switch (c) {
      case 'd': if (n > 8) badFormat(); out += pad(p.d, n); break;
      case 'h': if (n > 2) badFormat(); out += pad(p.h, n); break;
      case 'm': if (n > 2) badFormat(); out += pad(p.m, n); break;
      case 's': if (n > 2) badFormat(); out += pad(p.s, n); break;
      case 'f': if (n > 7) badFormat(); out += fraction7.slice(0, n); break;
      case 'F': if (n > 7) badFormat(); out += fraction7.slice(0, n).replace(/0+$/, ''); break;
      case '\\': if (i + 1 >= format.length) badFormat(); out += format[i + 1]; n = 2; break;
      case '%': n = 1; break;
      case '\'': case '"': {
        const end = format.indexOf(c, i + 1);
        if (end < 0) badFormat();
        out += format.slice(i + 1, end);
        n = end - i + 1;
        break;
      }
      default: badFormat();
    }
    i += n;
  }
  return out;
}

const SPAN_RE = /^\s*(-)?(?:(\d+)(?:\.(?=\d+:)|:(?=\d+:\d+:\d+)))?(\d+)(?::(\d+)(?::(\d+)(?:[.,](\d{1,7}))?)?)?\s*$/;

/** TimeSpan.Parse, invariant culture: "[-][d.]hh:mm[:ss[.fffffff]]" or "[-]d" (whole days). */
export function parseTimeSpan(text: string): CsTimeSpan | null {
  const m = SPAN_RE.exec(text);
  if (!m) return null;
  const neg = m[1] === '-';
  let d: number, h: number, mi: number, s: number;
  if (m[4] === undefined) {
    if (m[2] !== undefined) return null;
    d = Number(m[3]); h = 0; mi = 0; s = 0;
  } else {
    d = m[2] !== undefined ? Number(m[2]) : 0;
    h = Number(m[3]); mi = Number(m[4]); s = m[5] !== undefined ? Number(m[5]) : 0;
    if (h > 23 || mi > 59 || s > 59) throw new ExpressionError('The TimeSpan string \'' + text + '\' could not be parsed because at least one of the numeric components is out of range or contains too many digits.', 'OverflowException');
  }
  const f = m[6] !== undefined ? Number(m[6].padEnd(7, '0')) : 0;
  const ticks = d * TICKS_PER_DAY + h * TICKS_PER_HOUR + mi * TICKS_PER_MINUTE + s * TICKS_PER_SECOND + f;
  return spanOf(neg ? -ticks : ticks);
}
