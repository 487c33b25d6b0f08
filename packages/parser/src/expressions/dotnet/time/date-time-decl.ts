// The DateTime TypeDecl: members as APIM's whitelist lists them (spec §2.3), plus Parse/ParseExact/TryParse
// and the C# operators as op_* statics (how C# itself names them; the compiler binds `a - b` to them).
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import {
  MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MINUTE, TICKS_PER_MS,
  TICKS_PER_SECOND, daysInMonth, fromCivil, isLeapYear, toCivil,
} from './calendar.ts';
import {
  CsDateTime, KIND_LOCAL, KIND_UTC, MAX_VALUE, MIN_VALUE, addTicks, compareDateTime, diffTicks, fromParts,
  fromTicks, utcNow, type DateTimeKind,
} from './date-time.ts';
import { formatDateTime, parseDateTime, parseExactDateTime, tryParseDateTime, tryParseExactDateTime } from './date-time-text.ts';
import { CsTimeSpan, spanOf } from './time-span.ts';

function dt(value: unknown, what = 'value'): CsDateTime {
  if (value instanceof CsDateTime) return value;
  throw new ExpressionError(`Object must be of type DateTime. (Parameter '${what}', 'ArgumentException')`);
}

function span(value: unknown): CsTimeSpan {
  if (value instanceof CsTimeSpan) return value;
  throw new ExpressionError('Object must be of type TimeSpan.', 'ArgumentException');
}

function num(value: unknown): number {
  if (typeof value === 'number') return value;
  throw new ExpressionError('Value must be a number.', 'ArgumentException');
}

const addUnits = (ticksPerUnit: number) =>
  method('DateTime', [1, 1], (self: CsDateTime, [v]) => addTicks(self, num(v) * ticksPerUnit));

/** AddMonths: the day is clamped to the target month's length, as .NET does. */
export function addMonths(self: CsDateTime, months: number): CsDateTime {
  if (!Number.isInteger(months) || Math.abs(months) > 120000) {
    throw new ExpressionError('Months value must be between +/-120000. (Parameter \'months\')', 'ArgumentOutOfRangeException');
  }
  const c = toCivil(self.ms);
  const total = c.year * 12 + (c.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  if (year < 1 || year > 9999) throw new ExpressionError('The added or subtracted value results in an un-representable DateTime. (Parameter \'months\')', 'ArgumentOutOfRangeException');
  const day = Math.min(c.day, daysInMonth(year, month));
  return new CsDateTime(fromCivil(year, month, day) + (self.ms % MS_PER_DAY), self.sub, self.kind);
}

/** The date part at midnight, same Kind. */
export function datePart(self: CsDateTime): CsDateTime {
  return new CsDateTime(self.ms - (self.ms % MS_PER_DAY), 0, self.kind);
}

export function subtract(self: CsDateTime, other: unknown): CsDateTime | CsTimeSpan {
  if (other instanceof CsDateTime) return spanOf(diffTicks(self, other));
  return addTicks(self, -span(other).ticks);
}

const instance: Record<string, MemberDecl> = {
  Add: method('DateTime', [1, 1], (self: CsDateTime, [ts]) => addTicks(self, span(ts).ticks)),
  AddDays: addUnits(TICKS_PER_DAY),
  AddHours: addUnits(TICKS_PER_HOUR),
  AddMinutes: addUnits(TICKS_PER_MINUTE),
  AddSeconds: addUnits(TICKS_PER_SECOND),
  AddMilliseconds: addUnits(TICKS_PER_MS),
  AddTicks: addUnits(1),
  AddMonths: method('DateTime', [1, 1], (self: CsDateTime, [m]) => addMonths(self, num(m))),
  AddYears: method('DateTime', [1, 1], (self: CsDateTime, [y]) => {
    if (!Number.isInteger(y) || Math.abs(num(y)) > 10000) throw new ExpressionError('Years value must be between +/-10000. (Parameter \'years\')', 'ArgumentOutOfRangeException');
    return addMonths(self, num(y) * 12);
  }),
  Subtract: method((_r, _t, argTypes) => (argTypes[0] === 'TimeSpan' ? 'DateTime' : argTypes[0] === 'DateTime' ? 'TimeSpan' : 'dynamic'), [1, 1],
    (self: CsDateTime, [other]) => subtract(self, other)),
  Date: property('DateTime', datePart),
  Day: property('int', (self: CsDateTime) => toCivil(self.ms).day),
  DayOfWeek: property('DayOfWeek', (self: CsDateTime) => toCivil(self.ms).dayOfWeek),
  DayOfYear: property('int', (self: CsDateTime) => {
    const c = toCivil(self.ms);
    return Math.round((fromCivil(c.year, c.month, c.day) - fromCivil(c.year, 1, 1)) / MS_PER_DAY) + 1;
  }),
  Hour: property('int', (self: CsDateTime) => Math.floor((self.ms % MS_PER_DAY) / MS_PER_HOUR)),
  Minute: property('int', (self: CsDateTime) => Math.floor((self.ms % MS_PER_HOUR) / MS_PER_MINUTE)),
  Second: property('int', (self: CsDateTime) => Math.floor((self.ms % MS_PER_MINUTE) / 1000)),
  Millisecond: property('int', (self: CsDateTime) => self.ms % 1000),
  Month: property('int', (self: CsDateTime) => toCivil(self.ms).month),
  Year: property('int', (self: CsDateTime) => toCivil(self.ms).year),
  Ticks: property('long', (self: CsDateTime) => self.exactTicks),
  Kind: property('DateTimeKind', (self: CsDateTime) => self.kind),
  TimeOfDay: property('TimeSpan', (self: CsDateTime) => spanOf((self.ms % MS_PER_DAY) * TICKS_PER_MS + self.sub)),
  IsDaylightSavingTime: method('bool', [0, 0], () => false),
  ToUniversalTime: method('DateTime', [0, 0], (self: CsDateTime) => self.withKind(KIND_UTC)),
  ToLocalTime: method('DateTime', [0, 0], (self: CsDateTime) => self.withKind(KIND_LOCAL)),
  ToString: method('string', [0, 2], (self: CsDateTime, [format], inv) => {
    if (typeof format === 'string') inv.guard.step(format.length);
    return formatDateTime(self, typeof format === 'string' ? format : null);
  }),
  ToShortDateString: method('string', [0, 0], (self: CsDateTime) => formatDateTime(self, 'd')),
  ToLongDateString: method('string', [0, 0], (self: CsDateTime) => formatDateTime(self, 'D')),
  ToShortTimeString: method('string', [0, 0], (self: CsDateTime) => formatDateTime(self, 't')),
  ToLongTimeString: method('string', [0, 0], (self: CsDateTime) => formatDateTime(self, 'T')),
  CompareTo: method('int', [1, 1], (self: CsDateTime, [other]) => (other === null ? 1 : compareDateTime(self, dt(other)))),
  Equals: method('bool', [1, 1], (self: CsDateTime, [other]) => other instanceof CsDateTime && compareDateTime(self, other) === 0),
};

function outArg(value: unknown): OutRef {
  if (value instanceof OutRef) return value;
  throw new ExpressionError('An out argument is required.');
}

function styles(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}

const statics: Record<string, MemberDecl> = {
  UtcNow: property('DateTime', () => utcNow()),
  // The gateway's local zone is UTC: Now is the same instant with Kind Local.
  Now: property('DateTime', () => utcNow().withKind(KIND_LOCAL)),
  Today: property('DateTime', () => datePart(utcNow().withKind(KIND_LOCAL))),
  MinValue: property('DateTime', () => MIN_VALUE),
  MaxValue: property('DateTime', () => MAX_VALUE),
  // Parse(s), Parse(s, provider), Parse(s, provider, styles)
  Parse: method('DateTime', [1, 3], (_s, [text, , st], inv) => {
    if (typeof text === 'string') inv.guard.step(text.length);
    return parseDateTime(text, styles(st));
  }),
  // TryParse(s, out r) or TryParse(s, provider, styles, out r)
  TryParse: method('bool', [2, 4], (_s, args) => {
    const out = outArg(args[args.length - 1]);
    const result = tryParseDateTime(args[0], args.length === 4 ? styles(args[2]) : 0);
    out.value = result ?? MIN_VALUE;
    return result !== null;
  }),
  // ParseExact(s, format|formats, provider[, styles])
  ParseExact: method('DateTime', [2, 4], (_s, [text, formats, , st]) => parseExactDateTime(text, formats, styles(st))),
  // TryParseExact(s, format|formats, provider, styles, out r)
  TryParseExact: method('bool', [5, 5], (_s, [text, formats, , st, out]) => {
    const result = tryParseExactDateTime(text, formats, styles(st));
    outArg(out).value = result ?? MIN_VALUE;
    return result !== null;
  }),
  DaysInMonth: method('int', [2, 2], (_s, [y, m]) => {
    if (num(m) < 1 || num(m) > 12) throw new ExpressionError('Month must be between one and twelve. (Parameter \'month\')', 'ArgumentOutOfRangeException');
    return daysInMonth(num(y), num(m));
  }),
  IsLeapYear: method('bool', [1, 1], (_s, [y]) => isLeapYear(num(y))),
  SpecifyKind: method('DateTime', [2, 2], (_s, [value, kind]) => dt(value).withKind(num(kind) as DateTimeKind)),
  Compare: method('int', [2, 2], (_s, [a, b]) => compareDateTime(dt(a), dt(b))),
  Equals: method('bool', [2, 2], (_s, [a, b]) => compareDateTime(dt(a), dt(b)) === 0),
  op_Addition: method('DateTime', [2, 2], (_s, [a, b]) => addTicks(dt(a), span(b).ticks)),
  op_Subtraction: method((_r, _t, argTypes) => (argTypes[1] === 'TimeSpan' ? 'DateTime' : argTypes[1] === 'DateTime' ? 'TimeSpan' : 'dynamic'), [2, 2],
    (_s, [a, b]) => subtract(dt(a), b)),
};

// C# picks the 7-argument overload by static type: (…, int millisecond) or (…, DateTimeKind kind).
function construct(args: unknown[], argTypes: readonly string[]): CsDateTime {
  // new DateTime(ticks) takes the exact long (DateTime.UtcNow.Ticks round-trips).
  if (args.length <= 2 && typeof args[0] === 'bigint') return fromTicks(args[0], args.length === 2 ? num(args[1]) as DateTimeKind : undefined);
  const n = args.map(num);
  switch (args.length) {
    case 1: return fromTicks(n[0]!);
    case 2: return fromTicks(n[0]!, n[1] as DateTimeKind);
    case 3: return fromParts(n[0]!, n[1]!, n[2]!);
    case 6: return fromParts(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!);
    case 7: return argTypes[6] === 'DateTimeKind'
      ? fromParts(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!, 0, n[6] as DateTimeKind)
      : fromParts(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!, n[6]!);
    case 8: return fromParts(n[0]!, n[1]!, n[2]!, n[3]!, n[4]!, n[5]!, n[6]!, n[7] as DateTimeKind);
    default: throw new ExpressionError(`DateTime does not have a constructor that takes ${args.length} arguments.`);
  }
}

export const dateTimeType: TypeDecl = {
  name: 'DateTime',
  aliases: ['System.DateTime'],
  is: (v) => v instanceof CsDateTime,
  construct: method('DateTime', [1, 8], (_s, args, inv) => construct(args, inv.argTypes), true),
  instance,
  static: statics,
  // (DateTime)x: unboxing only; a string is not a DateTime in C#.
  cast: (v) => {
    if (v instanceof CsDateTime) return v;
    throw new ExpressionError(`Unable to cast object of type '${typeof v === 'string' ? 'System.String' : 'System.Object'}' to type 'System.DateTime'.`, 'InvalidCastException');
  },
  toString: (self: CsDateTime, format) => formatDateTime(self, format ?? null),
  // .NET compares DateTime by ticks and ignores Kind.
  equals: (a, b) => a instanceof CsDateTime && b instanceof CsDateTime && compareDateTime(a, b) === 0,
  compare: (a, b) => compareDateTime(dt(a), dt(b)),
};
