// DateTime to and from text: .NET's Kind rules around parsing and the per-Kind pieces of formatting.
import { ExpressionError } from '../registry.ts';
import { MS_PER_MINUTE, TICKS_PER_MS, fromCivil, toCivil } from './calendar.ts';
import { CsDateTime, KIND_LOCAL, KIND_UNSPECIFIED, KIND_UTC, normalize, utcNow, type DateTimeKind } from './date-time.ts';
import { expandStandard, formatCustom, type Stamp } from './format.ts';
import { parseExact, parseLoose, type Fields } from './parse.ts';

/** System.Globalization.DateTimeStyles flags that change the result. */
export const STYLE_ADJUST_TO_UNIVERSAL = 16;
export const STYLE_ASSUME_LOCAL = 32;
export const STYLE_ASSUME_UNIVERSAL = 64;
export const STYLE_ROUNDTRIP_KIND = 128;

export const NOT_A_DATE = 'String was not recognized as a valid DateTime.';

export function stampOf(dt: CsDateTime): Stamp {
  return {
    civil: toCivil(dt.ms),
    fraction: (dt.ms % 1000) * TICKS_PER_MS + dt.sub,
    kindSuffix: dt.kind === KIND_UTC ? 'Z' : dt.kind === KIND_LOCAL ? '+00:00' : '',
    offsetMinutes: 0,
  };
}

/** DateTime.ToString(format); the default is "G" with the invariant culture. */
export function formatDateTime(dt: CsDateTime, format?: string | null): string {
  return formatCustom(stampOf(dt), expandStandard(format || 'G'));
}

/** Fields read from text → DateTime. The gateway's local zone is UTC, so "to local" keeps the instant. */
export function fieldsToDateTime(f: Fields, styles = 0): CsDateTime {
  let date = f;
  if (f.year === undefined) {
    const today = toCivil(utcNow().ms);
    date = { ...f, year: today.year, month: today.month, day: today.day };
  }
  const ms = fromCivil(date.year!, date.month!, date.day!, f.hour, f.minute, f.second);
  let kind: DateTimeKind;
  let shift = 0;
  if (f.offset !== undefined) {
    shift = -f.offset * MS_PER_MINUTE;
    kind = styles & STYLE_ADJUST_TO_UNIVERSAL ? KIND_UTC : (styles & STYLE_ROUNDTRIP_KIND) && f.utcMarker ? KIND_UTC : KIND_LOCAL;
  } else if (styles & (STYLE_ASSUME_UNIVERSAL | STYLE_ASSUME_LOCAL)) {
    kind = styles & STYLE_ADJUST_TO_UNIVERSAL ? KIND_UTC : (styles & STYLE_ASSUME_UNIVERSAL) && (styles & STYLE_ROUNDTRIP_KIND) ? KIND_UTC : KIND_LOCAL;
  } else {
    kind = KIND_UNSPECIFIED;
  }
  return normalize(ms + shift, f.fraction, kind, NOT_A_DATE);
}

export function tryParseDateTime(text: unknown, styles = 0): CsDateTime | null {
  if (typeof text !== 'string') return null;
  const f = parseLoose(text);
  return f ? fieldsToDateTime(f, styles) : null;
}

export function parseDateTime(text: unknown, styles = 0): CsDateTime {
  if (text === null) throw new ExpressionError('Value cannot be null. (Parameter \'s\')', 'ArgumentNullException');
  const dt = tryParseDateTime(text, styles);
  if (!dt) throw new ExpressionError(NOT_A_DATE, 'FormatException');
  return dt;
}

/** ParseExact with one format or an array of them (the first that fits wins). */
export function tryParseExactDateTime(text: unknown, formats: unknown, styles = 0): CsDateTime | null {
  if (typeof text !== 'string') return null;
  const list = Array.isArray(formats) ? formats : [formats];
  for (const format of list) {
    if (typeof format !== 'string' || format === '') continue;
    const f = parseExact(text, format);
    if (f) return fieldsToDateTime(f, styles);
  }
  return null;
}

export function parseExactDateTime(text: unknown, formats: unknown, styles = 0): CsDateTime {
  if (text === null || formats === null) throw new ExpressionError('Value cannot be null.', 'ArgumentNullException');
  const dt = tryParseExactDateTime(text, formats, styles);
  if (!dt) throw new ExpressionError(NOT_A_DATE, 'FormatException');
  return dt;
}
