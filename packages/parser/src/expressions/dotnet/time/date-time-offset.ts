// System.DateTimeOffset: a UTC instant plus an offset in minutes. The gateway runs in UTC, so UtcNow and Now
// both carry offset zero.
import { ExpressionError, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { MS_PER_MINUTE, TICKS_PER_MINUTE, TICKS_PER_MS, TICKS_PER_SECOND, UNIX_EPOCH_MS, toCivil } from './calendar.ts';
import { CsDateTime, KIND_LOCAL, KIND_UNSPECIFIED, KIND_UTC, addTicks, compareDateTime, fromUnixMs, normalize, utcNow } from './date-time.ts';
import { fieldsToDateTime } from './date-time-text.ts';
import { expandStandard, formatCustom } from './format.ts';
import { parseLoose } from './parse.ts';
import { CsTimeSpan, spanOf } from './time-span.ts';

export class CsDateTimeOffset {
  constructor(
    /** The instant, Kind Utc. */
    readonly utc: CsDateTime,
    /** Offset from UTC in whole minutes. */
    readonly offset: number,
  ) {}

  /** The clock time at the offset, Kind Unspecified (DateTimeOffset.DateTime). */
  get clock(): CsDateTime {
    return normalize(this.utc.ms + this.offset * MS_PER_MINUTE, this.utc.sub, KIND_UNSPECIFIED);
  }
}

function dto(value: unknown): CsDateTimeOffset {
  if (value instanceof CsDateTimeOffset) return value;
  throw new ExpressionError('Object must be of type DateTimeOffset.', 'ArgumentException');
}

function num(value: unknown): number {
  if (typeof value === 'number') return value;
  throw new ExpressionError('Value must be a number.', 'ArgumentException');
}

function offsetMinutes(value: unknown): number {
  if (!(value instanceof CsTimeSpan)) throw new ExpressionError('Object must be of type TimeSpan.', 'ArgumentException');
  const minutes = value.ticks / TICKS_PER_MINUTE;
  if (!Number.isInteger(minutes)) throw new ExpressionError('Offset must be specified in whole minutes. (Parameter \'offset\')', 'ArgumentOutOfRangeException');
  if (Math.abs(minutes) > 14 * 60) throw new ExpressionError('Offset must be within plus or minus 14 hours. (Parameter \'offset\')', 'ArgumentOutOfRangeException');
  return minutes;
}

/** From a DateTime: Utc kind keeps offset 0; Local and Unspecified are read as local (UTC here). */
export function fromDateTime(value: CsDateTime, offset = 0): CsDateTimeOffset {
  if (value.kind === KIND_UTC && offset !== 0) throw new ExpressionError('The UTC Offset for Utc DateTime instances must be 0. (Parameter \'offset\')', 'ArgumentException');
  return new CsDateTimeOffset(normalize(value.ms - offset * MS_PER_MINUTE, value.sub, KIND_UTC), offset);
}

export function fromUnixSeconds(seconds: number): CsDateTimeOffset {
  if (!Number.isFinite(seconds) || seconds < -62_135_596_800 || seconds > 253_402_300_799) {
    throw new ExpressionError('Valid values are between -62135596800 and 253402300799, inclusive. (Parameter \'seconds\')', 'ArgumentOutOfRangeException');
  }
  return new CsDateTimeOffset(fromUnixMs(Math.trunc(seconds) * 1000, KIND_UTC), 0);
}

export function fromUnixMilliseconds(ms: number): CsDateTimeOffset {
  if (!Number.isFinite(ms) || ms < -62_135_596_800_000 || ms > 253_402_300_799_999) {
    throw new ExpressionError('Valid values are between -62135596800000 and 253402300799999, inclusive. (Parameter \'milliseconds\')', 'ArgumentOutOfRangeException');
  }
  return new CsDateTimeOffset(fromUnixMs(Math.trunc(ms), KIND_UTC), 0);
}

/** ToString: default "MM/dd/yyyy HH:mm:ss zzz"; R and u print the UTC instant. */
export function formatOffset(value: CsDateTimeOffset, format?: string | null): string {
  const f = format || 'G';
  const pattern = f === 'G' ? 'MM/dd/yyyy HH:mm:ss zzz' : expandStandard(f);
  const atUtc = f === 'r' || f === 'R' || f === 'u';
  const shown = atUtc ? value.utc : value.clock;
  const offset = atUtc ? 0 : value.offset;
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return formatCustom({
    civil: toCivil(shown.ms),
    fraction: (shown.ms % 1000) * TICKS_PER_MS + shown.sub,
    kindSuffix: `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`,
    offsetMinutes: offset,
  }, pattern);
}

const compare = (a: CsDateTimeOffset, b: CsDateTimeOffset): number => compareDateTime(a.utc, b.utc);
const shift = (v: CsDateTimeOffset, ticks: number): CsDateTimeOffset => new CsDateTimeOffset(addTicks(v.utc, ticks), v.offset);
const addUnits = (ticksPerUnit: number) => method('DateTimeOffset', [1, 1], (s: CsDateTimeOffset, [v]) => shift(s, num(v) * ticksPerUnit));
const clockPart = (pick: (c: ReturnType<typeof toCivil>) => number) => property('int', (s: CsDateTimeOffset) => pick(toCivil(s.clock.ms)));

const instance: Record<string, MemberDecl> = {
  ToUnixTimeSeconds: method('long', [0, 0], (s: CsDateTimeOffset) => Math.floor(s.utc.unixMs / 1000)),
  ToUnixTimeMilliseconds: method('long', [0, 0], (s: CsDateTimeOffset) => s.utc.unixMs),
  Offset: property('TimeSpan', (s: CsDateTimeOffset) => spanOf(s.offset * TICKS_PER_MINUTE)),
  DateTime: property('DateTime', (s: CsDateTimeOffset) => s.clock),
  UtcDateTime: property('DateTime', (s: CsDateTimeOffset) => s.utc),
  LocalDateTime: property('DateTime', (s: CsDateTimeOffset) => s.utc.withKind(KIND_LOCAL)),
  Date: property('DateTime', (s: CsDateTimeOffset) => { const c = s.clock; return normalize(c.ms - (c.ms % 86_400_000), 0, KIND_UNSPECIFIED); }),
  Year: clockPart((c) => c.year),
  Month: clockPart((c) => c.month),
  Day: clockPart((c) => c.day),
  Hour: clockPart((c) => c.hour),
  Minute: clockPart((c) => c.minute),
  Second: clockPart((c) => c.second),
  Millisecond: clockPart((c) => c.millisecond),
  DayOfWeek: property('DayOfWeek', (s: CsDateTimeOffset) => toCivil(s.clock.ms).dayOfWeek),
  Ticks: property('long', (s: CsDateTimeOffset) => s.clock.exactTicks),
  UtcTicks: property('long', (s: CsDateTimeOffset) => s.utc.exactTicks),
  Add: method('DateTimeOffset', [1, 1], (s: CsDateTimeOffset, [ts]) => {
    if (!(ts instanceof CsTimeSpan)) throw new ExpressionError('Object must be of type TimeSpan.', 'ArgumentException');
    return shift(s, ts.ticks);
  }),
  AddDays: addUnits(864_000_000_000),
  AddHours: addUnits(36_000_000_000),
  AddMinutes: addUnits(TICKS_PER_MINUTE),
  AddSeconds: addUnits(TICKS_PER_SECOND),
  AddMilliseconds: addUnits(TICKS_PER_MS),
  AddTicks: addUnits(1),
  ToUniversalTime: method('DateTimeOffset', [0, 0], (s: CsDateTimeOffset) => new CsDateTimeOffset(s.utc, 0)),
  ToLocalTime: method('DateTimeOffset', [0, 0], (s: CsDateTimeOffset) => new CsDateTimeOffset(s.utc, 0)),
  ToOffset: method('DateTimeOffset', [1, 1], (s: CsDateTimeOffset, [o]) => new CsDateTimeOffset(s.utc, offsetMinutes(o))),
  ToString: method('string', [0, 2], (s: CsDateTimeOffset, [format]) => formatOffset(s, typeof format === 'string' ? format : null)),
  CompareTo: method('int', [1, 1], (s: CsDateTimeOffset, [o]) => compare(s, dto(o))),
  Equals: method('bool', [1, 1], (s: CsDateTimeOffset, [o]) => o instanceof CsDateTimeOffset && compare(s, o) === 0),
};

function parseOffsetValue(text: unknown): CsDateTimeOffset | null {
  if (typeof text !== 'string') return null;
  const f = parseLoose(text);
  if (!f) return null;
  const offset = f.offset ?? 0;
  const clock = fieldsToDateTime({ ...f, offset: undefined, utcMarker: undefined });
  return new CsDateTimeOffset(normalize(clock.ms - offset * MS_PER_MINUTE, clock.sub, KIND_UTC), offset);
}

const statics: Record<string, MemberDecl> = {
  UtcNow: property('DateTimeOffset', () => new CsDateTimeOffset(utcNow(), 0)),
  Now: property('DateTimeOffset', () => new CsDateTimeOffset(utcNow(), 0)),
  UnixEpoch: property('DateTimeOffset', () => new CsDateTimeOffset(new CsDateTime(UNIX_EPOCH_MS, 0, KIND_UTC), 0)),
  MinValue: property('DateTimeOffset', () => new CsDateTimeOffset(new CsDateTime(0, 0, KIND_UTC), 0)),
  FromUnixTimeSeconds: method('DateTimeOffset', [1, 1], (_s, [v]) => fromUnixSeconds(num(v))),
  FromUnixTimeMilliseconds: method('DateTimeOffset', [1, 1], (_s, [v]) => fromUnixMilliseconds(num(v))),
  Parse: method('DateTimeOffset', [1, 3], (_s, [text]) => {
    const v = parseOffsetValue(text);
    if (!v) throw new ExpressionError('String was not recognized as a valid DateTime.', 'FormatException');
    return v;
  }),
  op_Subtraction: method((_r, _t, argTypes) => (argTypes[1] === 'TimeSpan' ? 'DateTimeOffset' : 'TimeSpan'), [2, 2], (_s, [a, b]) => {
    if (b instanceof CsTimeSpan) return shift(dto(a), -b.ticks);
    return spanOf((dto(a).utc.ms - dto(b).utc.ms) * TICKS_PER_MS + (dto(a).utc.sub - dto(b).utc.sub));
  }),
  op_Addition: method('DateTimeOffset', [2, 2], (_s, [a, b]) => {
    if (!(b instanceof CsTimeSpan)) throw new ExpressionError('Object must be of type TimeSpan.', 'ArgumentException');
    return shift(dto(a), b.ticks);
  }),
};

function construct(args: unknown[]): CsDateTimeOffset {
  if (args.length === 1 && args[0] instanceof CsDateTime) return fromDateTime(args[0]);
  if (args.length === 2 && args[0] instanceof CsDateTime) return fromDateTime(args[0], offsetMinutes(args[1]));
  if (args.length === 2 && typeof args[0] === 'number') {
    return fromDateTime(addTicks(new CsDateTime(0, 0, KIND_UNSPECIFIED), args[0]), offsetMinutes(args[1]));
  }
  throw new ExpressionError(`DateTimeOffset does not have a constructor that takes these ${args.length} arguments.`);
}

export const dateTimeOffsetType: TypeDecl = {
  name: 'DateTimeOffset',
  aliases: ['System.DateTimeOffset'],
  is: (v) => v instanceof CsDateTimeOffset,
  construct: method('DateTimeOffset', [1, 2], (_s, args) => construct(args)),
  instance,
  static: statics,
  cast: (v) => {
    if (v instanceof CsDateTimeOffset) return v;
    if (v instanceof CsDateTime) return fromDateTime(v);
    throw new ExpressionError('Unable to cast object to type \'System.DateTimeOffset\'.', 'InvalidCastException');
  },
  toString: (s: CsDateTimeOffset, format) => formatOffset(s, format ?? null),
  equals: (a, b) => a instanceof CsDateTimeOffset && b instanceof CsDateTimeOffset && compare(a, b) === 0,
  compare: (a, b) => compare(dto(a), dto(b)),
};
