import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OutRef } from '../../../src/expressions/dotnet/registry.ts';
import { setClock, timeTypes, type Clock } from '../../../src/expressions/dotnet/time/index.ts';
import { inst, make, makeTyped, st, typeOf } from './call.ts';

const DateTime = typeOf(timeTypes, 'DateTime');
const TimeSpan = typeOf(timeTypes, 'TimeSpan');
const DateTimeOffset = typeOf(timeTypes, 'DateTimeOffset');
const DayOfWeek = typeOf(timeTypes, 'DayOfWeek');
const UTC = 1;
const KIND7 = ['int', 'int', 'int', 'int', 'int', 'int', 'DateTimeKind'];

const fmt = (v: unknown, f?: string): string => inst(DateTime, v, 'ToString', ...(f === undefined ? [] : [f]));
const ts = (v: unknown, f?: string): string => inst(TimeSpan, v, 'ToString', ...(f === undefined ? [] : [f]));

let previous: Clock;
beforeEach(() => { previous = setClock(() => Date.UTC(2024, 0, 15, 10, 30, 0, 123)); });
afterEach(() => { setClock(previous); });

describe('DateTime formatting (invariant culture)', () => {
  const d = make(DateTime, 2024, 1, 15, 10, 30, 45);
  const u = makeTyped(DateTime, KIND7, 2024, 1, 15, 10, 30, 45, UTC);
  it.each([
    ['o', '2024-01-15T10:30:45.0000000'],
    ['s', '2024-01-15T10:30:45'],
    ['u', '2024-01-15 10:30:45Z'],
    ['R', 'Mon, 15 Jan 2024 10:30:45 GMT'],
    ['r', 'Mon, 15 Jan 2024 10:30:45 GMT'],
    ['d', '01/15/2024'],
    ['D', 'Monday, 15 January 2024'],
    ['g', '01/15/2024 10:30'],
    ['G', '01/15/2024 10:30:45'],
    ['t', '10:30'],
    ['T', '10:30:45'],
    ['M', 'January 15'],
    ['yyyy-MM-ddTHH:mm:ssZ', '2024-01-15T10:30:45Z'],
    ['yyyyMMddTHHmmssZ', '20240115T103045Z'],
    ['yyyyMMddHHmmss', '20240115103045'],
    ['yyyyMMdd', '20240115'],
    ['ddd, MMM d yy', 'Mon, Jan 15 24'],
    ['dddd MMMM', 'Monday January'],
    ["'Date:' yyyy", 'Date: 2024'],
    ['HH\\:mm', '10:30'],
    ['h:mm tt', '10:30 AM'],
    ['%d', '15'],
  ])('ToString(%j)', (format, expected) => {
    expect(fmt(d, format)).toBe(expected);
  });
  it('o on a UTC value ends in Z, on Now in +00:00', () => {
    expect(fmt(u, 'o')).toBe('2024-01-15T10:30:45.0000000Z');
    expect(fmt(st(DateTime, 'Now'), 'o')).toBe('2024-01-15T10:30:00.1230000+00:00');
  });
  it('the Newtonsoft ISO pattern trims the fraction and its dot', () => {
    const iso = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK";
    expect(fmt(st(DateTime, 'MinValue'), iso)).toBe('0001-01-01T00:00:00');
    expect(fmt(st(DateTime, 'UtcNow'), iso)).toBe('2024-01-15T10:30:00.123Z');
  });
  it('default ToString() is G', () => { expect(fmt(d)).toBe('01/15/2024 10:30:45'); });
  it('fff, tt and 12-hour clock', () => {
    const pm = make(DateTime, 2024, 3, 5, 15, 5, 9, 7);
    expect(fmt(pm, 'hh:mm:ss.fff tt')).toBe('03:05:09.007 PM');
    expect(fmt(pm, 'HH:mm:ss.FFF')).toBe('15:05:09.007');
    expect(fmt(make(DateTime, 2024, 3, 5), 'HH:mm:ss.FFF')).toBe('00:00:00');
  });
  it('an unknown one-letter format is a FormatException', () => {
    expect(() => fmt(d, 'Q')).toThrow('Input string was not in a correct format.');
  });
});

describe('DateTime clock', () => {
  it('UtcNow reads the injected clock', () => {
    expect(fmt(st(DateTime, 'UtcNow'), 'yyyy-MM-ddTHH:mm:ss.fffZ')).toBe('2024-01-15T10:30:00.123Z');
    expect(inst(DateTime, st(DateTime, 'UtcNow'), 'Kind')).toBe(UTC);
  });
  it('Today is midnight, Kind Local', () => {
    expect(fmt(st(DateTime, 'Today'), 'o')).toBe('2024-01-15T00:00:00.0000000+00:00');
  });
});

describe('DateTime parts and arithmetic', () => {
  it('reads its components', () => {
    const d = make(DateTime, 2024, 12, 31, 23, 59, 58, 999);
    expect([inst(DateTime, d, 'Year'), inst(DateTime, d, 'Month'), inst(DateTime, d, 'Day'), inst(DateTime, d, 'Hour'),
      inst(DateTime, d, 'Minute'), inst(DateTime, d, 'Second'), inst(DateTime, d, 'Millisecond'), inst(DateTime, d, 'DayOfYear')])
      .toEqual([2024, 12, 31, 23, 59, 58, 999, 366]);
    expect(DayOfWeek.toString!(inst(DateTime, d, 'DayOfWeek'))).toBe('Tuesday');
  });
  it('Ticks are .NET ticks', () => {
    // Present-day ticks are past 2^53: exact, as BigInts (a long's representation past 2^53).
    expect(inst(DateTime, make(DateTime, 2024, 1, 1), 'Ticks')).toBe(638396640000000000n);
    expect(inst(DateTime, make(DateTime, 1970, 1, 1), 'Ticks')).toBe(621355968000000000n);
    expect(inst(DateTime, make(DateTime, 621355968000000000), 'Year')).toBe(1970);
  });
  it('keeps single ticks exact although Ticks exceed 2^53', () => {
    const t = inst(DateTime, make(DateTime, 2024, 1, 1), 'AddTicks', 1);
    expect(fmt(t, 'fffffff')).toBe('0000001');
    expect(inst(TimeSpan, inst(DateTime, t, 'Subtract', make(DateTime, 2024, 1, 1)), 'Ticks')).toBe(1);
  });
  it('AddMonths and AddYears clamp the day', () => {
    expect(fmt(inst(DateTime, make(DateTime, 2024, 1, 31), 'AddMonths', 1), 's')).toBe('2024-02-29T00:00:00');
    expect(fmt(inst(DateTime, make(DateTime, 2024, 2, 29), 'AddYears', 1), 's')).toBe('2025-02-28T00:00:00');
    expect(fmt(inst(DateTime, make(DateTime, 2024, 3, 31), 'AddMonths', -13), 's')).toBe('2023-02-28T00:00:00');
  });
  it('Add* with fractions', () => {
    const d = make(DateTime, 2024, 1, 15);
    expect(fmt(inst(DateTime, d, 'AddDays', 1.5), 's')).toBe('2024-01-16T12:00:00');
    expect(fmt(inst(DateTime, d, 'AddHours', -1), 's')).toBe('2024-01-14T23:00:00');
    expect(fmt(inst(DateTime, d, 'AddSeconds', 90.5), 'HH:mm:ss.fff')).toBe('00:01:30.500');
    expect(fmt(inst(DateTime, d, 'AddMilliseconds', 1), 'fff')).toBe('001');
    expect(fmt(inst(DateTime, d, 'Add', st(TimeSpan, 'FromMinutes', 90)), 's')).toBe('2024-01-15T01:30:00');
  });
  it('DateTime - DateTime is a TimeSpan, DateTime - TimeSpan a DateTime', () => {
    const span = st(DateTime, 'op_Subtraction', make(DateTime, 2024, 1, 15, 12, 0, 0), make(DateTime, 2024, 1, 15, 10, 30, 0));
    expect(ts(span)).toBe('01:30:00');
    expect(inst(TimeSpan, span, 'TotalSeconds')).toBe(5400);
    expect(inst(TimeSpan, span, 'TotalMinutes')).toBe(90);
    expect(fmt(st(DateTime, 'op_Subtraction', make(DateTime, 2024, 1, 1), span), 's')).toBe('2023-12-31T22:30:00');
  });
  it('Date and TimeOfDay', () => {
    const d = make(DateTime, 2024, 1, 15, 10, 30, 45);
    expect(fmt(inst(DateTime, d, 'Date'), 's')).toBe('2024-01-15T00:00:00');
    expect(ts(inst(DateTime, d, 'TimeOfDay'))).toBe('10:30:45');
  });
  it('statics', () => {
    expect(st(DateTime, 'DaysInMonth', 2023, 2)).toBe(28);
    expect(st(DateTime, 'DaysInMonth', 2024, 2)).toBe(29);
    expect(st(DateTime, 'IsLeapYear', 1900)).toBe(false);
    expect(st(DateTime, 'IsLeapYear', 2000)).toBe(true);
    expect(fmt(st(DateTime, 'MinValue'), 'o')).toBe('0001-01-01T00:00:00.0000000');
    expect(fmt(st(DateTime, 'MaxValue'), 'o')).toBe('9999-12-31T23:59:59.9999999');
  });
  it('comparison and equality ignore Kind', () => {
    const a = makeTyped(DateTime, KIND7, 2024, 1, 1, 0, 0, 0, UTC);
    const b = make(DateTime, 2024, 1, 1);
    expect(DateTime.equals!(a, b)).toBe(true);
    expect(DateTime.compare!(st(DateTime, 'MinValue'), st(DateTime, 'UtcNow'))).toBe(-1);
    expect(DateTime.compare!(inst(DateTime, a, 'AddTicks', 1), b)).toBe(1);
  });
  it('refuses un-representable dates', () => {
    expect(() => make(DateTime, 2023, 2, 29)).toThrow('Year, Month, and Day parameters describe an un-representable DateTime.');
    expect(() => inst(DateTime, st(DateTime, 'MaxValue'), 'AddDays', 1)).toThrow('un-representable DateTime');
    expect(() => inst(DateTime, st(DateTime, 'MinValue'), 'AddTicks', -1)).toThrow('un-representable DateTime');
  });
});

describe('DateTime parsing', () => {
  const kindAndIso = (v: unknown): [number, string] => [inst(DateTime, v, 'Kind'), fmt(v, 's')];
  it.each([
    ['2024-01-15T10:30:00Z', 2, '2024-01-15T10:30:00'],
    ['2024-01-15T10:30:00+02:00', 2, '2024-01-15T08:30:00'],
    ['2024-01-15T10:30:00.1234567', 0, '2024-01-15T10:30:00'],
    ['2024-01-15', 0, '2024-01-15T00:00:00'],
    ['2024-01-15 10:30', 0, '2024-01-15T10:30:00'],
    ['Mon, 15 Jan 2024 10:30:00 GMT', 2, '2024-01-15T10:30:00'],
    ['01/15/2024 10:30:00', 0, '2024-01-15T10:30:00'],
    ['1/5/2024 3:04:05 PM', 0, '2024-01-05T15:04:05'],
    ['January 15, 2024', 0, '2024-01-15T00:00:00'],
    ['15 Jan 2024', 0, '2024-01-15T00:00:00'],
    ['10:45', 0, '2024-01-15T10:45:00'],
  ])('Parse(%j)', (text, kind, iso) => {
    expect(kindAndIso(st(DateTime, 'Parse', text))).toEqual([kind, iso]);
  });
  it('Parse keeps fractions', () => {
    expect(fmt(st(DateTime, 'Parse', '2024-01-15T10:30:00.1234567'), 'fffffff')).toBe('1234567');
  });
  it.each(['garbage', '2024-02-30', '2024-01-15T25:00:00', ''])('Parse(%j) is a FormatException', (text) => {
    expect(() => st(DateTime, 'Parse', text)).toThrow('String was not recognized as a valid DateTime.');
  });
  it('TryParse writes the out argument', () => {
    const out = new OutRef();
    expect(st(DateTime, 'TryParse', '2024-01-15T10:30:00Z', out)).toBe(true);
    expect(fmt(out.value, 'o')).toBe('2024-01-15T10:30:00.0000000+00:00');
    expect(st(DateTime, 'TryParse', 'nope', out)).toBe(false);
    expect(DateTime.equals!(out.value, st(DateTime, 'MinValue'))).toBe(true);
  });
  it('RoundtripKind and AdjustToUniversal give Kind Utc', () => {
    expect(inst(DateTime, st(DateTime, 'Parse', '2024-01-15T10:30:00Z', null, 128), 'Kind')).toBe(UTC);
    expect(fmt(st(DateTime, 'Parse', '2024-01-15T10:30:00+01:00', null, 16), 'o')).toBe('2024-01-15T09:30:00.0000000Z');
  });
  it('ParseExact', () => {
    expect(fmt(st(DateTime, 'ParseExact', '20240115T103045Z', 'yyyyMMddTHHmmssZ', null), 'o')).toBe('2024-01-15T10:30:45.0000000+00:00');
    expect(fmt(st(DateTime, 'ParseExact', '15/01/2024 03:04 PM', 'dd/MM/yyyy hh:mm tt', null), 's')).toBe('2024-01-15T15:04:00');
    expect(fmt(st(DateTime, 'ParseExact', '2024-01-15T10:30:45.1230000Z', 'o', null, 128), 'o')).toBe('2024-01-15T10:30:45.1230000Z');
    expect(fmt(st(DateTime, 'ParseExact', 'Mon, 15 Jan 2024 10:30:45 GMT', 'R', null), 's')).toBe('2024-01-15T10:30:45');
    expect(fmt(st(DateTime, 'ParseExact', '2024-01-15', ['yyyyMMdd', 'yyyy-MM-dd'], null), 's')).toBe('2024-01-15T00:00:00');
    expect(() => st(DateTime, 'ParseExact', '2024-1-15', 'yyyy-MM-dd', null)).toThrow('String was not recognized as a valid DateTime.');
  });
});

describe('TimeSpan', () => {
  it('From* and ToString', () => {
    expect(ts(st(TimeSpan, 'FromSeconds', 90))).toBe('00:01:30');
    expect(ts(st(TimeSpan, 'FromDays', 1.5))).toBe('1.12:00:00');
    expect(ts(st(TimeSpan, 'FromMilliseconds', 1500))).toBe('00:00:01.5000000');
    expect(ts(st(TimeSpan, 'FromMinutes', -90))).toBe('-01:30:00');
    expect(ts(make(TimeSpan, 1, 2, 3, 4, 5), 'c')).toBe('1.02:03:04.0050000');
    expect(ts(make(TimeSpan, 1, 30, 0), 'hh\\:mm')).toBe('01:30');
    expect(ts(make(TimeSpan, 1, 30, 0), 'g')).toBe('1:30:00');
    expect(ts(make(TimeSpan, 1, 30, 0), 'G')).toBe('0:01:30:00.0000000');
    expect(ts(make(TimeSpan, 1, 2, 3, 4, 500), "d'd 'h'h 'mm'm 'ss's'"))
      .toBe('1d 2h 03m 04s');
    expect(() => ts(make(TimeSpan, 1, 30, 0), 'hh:mm')).toThrow('Input string was not in a correct format.');
  });
  it('components and totals', () => {
    const s = make(TimeSpan, 1, 2, 3, 4, 5);
    expect([inst(TimeSpan, s, 'Days'), inst(TimeSpan, s, 'Hours'), inst(TimeSpan, s, 'Minutes'), inst(TimeSpan, s, 'Seconds'),
      inst(TimeSpan, s, 'Milliseconds')]).toEqual([1, 2, 3, 4, 5]);
    expect(inst(TimeSpan, st(TimeSpan, 'FromHours', 36), 'TotalDays')).toBe(1.5);
    expect(inst(TimeSpan, st(TimeSpan, 'FromMinutes', 2), 'Ticks')).toBe(1_200_000_000);
    expect(inst(TimeSpan, make(TimeSpan, 10_000), 'TotalMilliseconds')).toBe(1);
  });
  it('Parse', () => {
    const p = st(TimeSpan, 'Parse', '1.02:03:04.5');
    expect([inst(TimeSpan, p, 'Days'), inst(TimeSpan, p, 'Hours'), inst(TimeSpan, p, 'Milliseconds')]).toEqual([1, 2, 500]);
    expect(ts(st(TimeSpan, 'Parse', '10:20'))).toBe('10:20:00');
    expect(ts(st(TimeSpan, 'Parse', '10:20:30'))).toBe('10:20:30');
    expect(ts(st(TimeSpan, 'Parse', '3'))).toBe('3.00:00:00');
    expect(ts(st(TimeSpan, 'Parse', '-0:00:05'))).toBe('-00:00:05');
    expect(() => st(TimeSpan, 'Parse', 'soon')).toThrow('String was not recognized as a valid TimeSpan.');
    const out = new OutRef();
    expect(st(TimeSpan, 'TryParse', '00:00:30', out)).toBe(true);
    expect(inst(TimeSpan, out.value, 'TotalSeconds')).toBe(30);
  });
  it('arithmetic, Zero, comparison', () => {
    const a = st(TimeSpan, 'FromMinutes', 1);
    expect(ts(inst(TimeSpan, a, 'Add', st(TimeSpan, 'FromSeconds', 30)))).toBe('00:01:30');
    expect(ts(inst(TimeSpan, a, 'Subtract', st(TimeSpan, 'FromSeconds', 90)))).toBe('-00:00:30');
    expect(TimeSpan.compare!(a, st(TimeSpan, 'Zero'))).toBe(1);
    expect(TimeSpan.equals!(st(TimeSpan, 'FromSeconds', 60), a)).toBe(true);
  });
});

describe('DateTimeOffset', () => {
  it('Unix time both ways', () => {
    const d = st(DateTimeOffset, 'FromUnixTimeSeconds', 1700000000);
    expect(inst(DateTimeOffset, d, 'ToString', 'o')).toBe('2023-11-14T22:13:20.0000000+00:00');
    expect(inst(DateTimeOffset, d, 'ToUnixTimeSeconds')).toBe(1700000000);
    expect(inst(DateTimeOffset, d, 'ToString')).toBe('11/14/2023 22:13:20 +00:00');
    const m = st(DateTimeOffset, 'FromUnixTimeMilliseconds', 1700000000123);
    expect(fmt(inst(DateTimeOffset, m, 'UtcDateTime'), 'o')).toBe('2023-11-14T22:13:20.1230000Z');
    expect(fmt(inst(DateTimeOffset, m, 'DateTime'), 'o')).toBe('2023-11-14T22:13:20.1230000');
    expect(inst(DateTimeOffset, m, 'ToUnixTimeMilliseconds')).toBe(1700000000123);
  });
  it('UtcNow from the clock', () => {
    expect(inst(DateTimeOffset, st(DateTimeOffset, 'UtcNow'), 'ToUnixTimeSeconds')).toBe(1705314600);
    expect(inst(DateTimeOffset, st(DateTimeOffset, 'UtcNow'), 'ToUnixTimeMilliseconds')).toBe(1705314600123);
  });
  it('offsets', () => {
    const d = make(DateTimeOffset, make(DateTime, 2024, 1, 15, 10, 0, 0), make(TimeSpan, 2, 0, 0));
    expect(inst(DateTimeOffset, d, 'ToString', 'o')).toBe('2024-01-15T10:00:00.0000000+02:00');
    expect(inst(DateTimeOffset, d, 'ToString', 'u')).toBe('2024-01-15 08:00:00Z');
    expect(inst(DateTimeOffset, d, 'ToUnixTimeSeconds')).toBe(Date.UTC(2024, 0, 15, 8) / 1000);
    expect(ts(inst(DateTimeOffset, d, 'Offset'))).toBe('02:00:00');
    const p = st(DateTimeOffset, 'Parse', '2024-01-15T10:00:00-05:30');
    expect(inst(DateTimeOffset, p, 'ToString', 'yyyy-MM-dd HH:mm zzz')).toBe('2024-01-15 10:00 -05:30');
  });
});
