// int, long, short, byte, sbyte, uint, ulong, ushort, double, float, decimal: Parse, TryParse, MinValue,
// MaxValue, ToString(format), and the operators dynamic code reaches them by.
//
// Representation: int and the smaller integral types, double and float are JS numbers. long and ulong are
// numbers while they are safe integers and BigInts beyond (int64.ts): arithmetic, shifts and bitwise operators
// are exact and wrap at 64 bits, long.MaxValue and DateTime.Ticks print every digit. decimal is a scaled
// integer (decimal.ts): 0.1m + 0.2m == 0.3m, 1.10m prints "1.10", division rounds at 28 digits.
//
// What still differs from C#:
// - Library methods take plain JS numbers: a long past 2^53 or a decimal passed to Math.*, Convert.*, TimeSpan,
//   JSON tokens... is rounded to the nearest double there (string formatting, string.Concat/Format/Join and
//   StringBuilder keep the exact value). A decimal a library method returns is a double read by its shortest
//   text (Math.Round(2.675m, 2) works on the double). Exceptions that keep decimals exact: decimal.Parse,
//   decimal.Round, Convert.ToDecimal(string), LINQ Sum/Average over decimals. (JSON numbers are doubles in
//   Newtonsoft too, so (decimal)JToken.Parse("1.10") is 1.1 in both.)
// - Decimal custom and N/F/P/C formats format the nearest double (exact below about 15 significant digits).
// - JSON tokens hold doubles: a long past 2^53 or a decimal serialized by JsonConvert / put in a JValue is written
//   as the nearest double (1.10m as 1.1; Newtonsoft writes 1.10).
// - Values of static type `dynamic`/`object` use JS double arithmetic unless one side is a long BigInt or a
//   decimal (then the operators below apply); `checked` overflow detection is not implemented (C# unchecked
//   is the default anyway).
// - ulong values past long.MaxValue print and compare right but reach library methods as doubles.
import { ExpressionError, method, property, OutRef } from './registry.ts';
import type { MemberDecl, TypeDecl } from './registry.ts';
import { formatNumeric } from './exact-number-text.ts';
import { canon, LONG_MAX, LONG_MIN, longArithmetic, ULONG_MAX } from './int64.ts';
import type { Int64 } from './int64.ts';
import { compareDecimal, CsDecimal, decimalArithmetic, DECIMAL_MAX, DECIMAL_MIN, parseDecimalText, roundDecimal, toDecimal } from './decimal.ts';

const RANGES: Record<string, [number, number, string]> = {
  sbyte: [-128, 127, 'SByte'], byte: [0, 255, 'Byte'], short: [-32768, 32767, 'Int16'], ushort: [0, 65535, 'UInt16'],
  int: [-2147483648, 2147483647, 'Int32'], uint: [0, 4294967295, 'UInt32'],
  long: [-9223372036854775808, 9223372036854775807, 'Int64'], ulong: [0, 18446744073709551615, 'UInt64'],
  float: [-3.4028234663852886e38, 3.4028234663852886e38, 'Single'], double: [-Number.MAX_VALUE, Number.MAX_VALUE, 'Double'],
  decimal: [-79228162514264337593543950335, 79228162514264337593543950335, 'Decimal'],
};

const INTEGRAL_RE = /^\s*[+-]?\d+\s*$/;
const FLOAT_RE = /^\s*[+-]?(\d{1,3}(,\d{3})+|\d*)(\.\d*)?([eE][+-]?\d+)?\s*$/;

function formatError(s: string): ExpressionError {
  return new ExpressionError(`The input string '${s}' was not in a correct format.`, 'FormatException');
}

function overflow(clr: string): ExpressionError {
  return new ExpressionError(`Value was either too large or too small for ${/^[AEIOU]/.test(clr) ? 'an' : 'a'} ${clr}.`, 'OverflowException');
}

/** Parses with the invariant culture; throws FormatException/OverflowException as .NET does. */
export function parseNumber(type: string, s: unknown): number | bigint | CsDecimal {
  if (s === null || s === undefined) throw new ExpressionError("Value cannot be null. (Parameter 's')", 'ArgumentNullException');
  const text = String(s);
  const [min, max, clr] = RANGES[type]!;
  if (type === 'long' || type === 'ulong') {
    if (!INTEGRAL_RE.test(text)) throw formatError(text);
    const b = BigInt(text.trim());
    if (b < (type === 'long' ? LONG_MIN : 0n) || b > (type === 'long' ? LONG_MAX : ULONG_MAX)) throw overflow(clr);
    return canon(b);
  }
  if (type === 'decimal') {
    if (!FLOAT_RE.test(text) || !/\d/.test(text) || /[eE]/.test(text)) throw formatError(text);
    try {
      return parseDecimalText(text) ?? formatError(text) as never;
    } catch (e) {
      if (e instanceof ExpressionError && e.exceptionType === 'OverflowException') throw overflow(clr);
      throw e;
    }
  }
  let v: number;
  if (type === 'double' || type === 'float' || type === 'decimal') {
    const t = text.trim();
    if (type === 'double' && /^(NaN|[+-]?Infinity|[+-]?∞)$/.test(t)) return t === 'NaN' ? NaN : t.startsWith('-') ? -Infinity : Infinity;
    if (!FLOAT_RE.test(text) || !/\d/.test(t) || (type === 'decimal' && /[eE]/.test(t))) throw formatError(text);
    v = Number(t.replace(/,/g, ''));
  } else {
    if (!INTEGRAL_RE.test(text)) throw formatError(text);
    v = Number(text.trim());
  }
  if (v < min || v > max) throw overflow(clr);
  return type === 'float' ? Math.fround(v) : v;
}

function numberDecl(name: string): TypeDecl {
  const [min, max, clr] = RANGES[name]!;
  const exactMin = name === 'long' ? canon(LONG_MIN) : name === 'decimal' ? DECIMAL_MIN : min;
  const exactMax = name === 'long' ? canon(LONG_MAX) : name === 'ulong' ? canon(ULONG_MAX) : name === 'decimal' ? DECIMAL_MAX : max;
  const statics: Record<string, MemberDecl> = {
    MinValue: property(name, () => exactMin),
    MaxValue: property(name, () => exactMax),
    Parse: method(name, [1, 3], (_s, [s]) => parseNumber(name, s)),
    TryParse: method('bool', [2, 4], (_s, args) => {
      const out = args[args.length - 1] as OutRef<number | bigint | CsDecimal>;
      try {
        out.value = parseNumber(name, args[0]);
        return true;
      } catch {
        out.value = 0;
        return false;
      }
    }),
  };
  if (name === 'double' || name === 'float') {
    statics.NaN = property(name, () => NaN);
    statics.PositiveInfinity = property(name, () => Infinity);
    statics.NegativeInfinity = property(name, () => -Infinity);
    statics.Epsilon = property(name, () => (name === 'double' ? Number.MIN_VALUE : 1.401298464324817e-45));
    statics.IsNaN = method('bool', [1, 1], (_s, [v]) => Number.isNaN(v));
    statics.IsInfinity = method('bool', [1, 1], (_s, [v]) => v === Infinity || v === -Infinity);
  }
  const exact = name === 'long' || name === 'ulong' || name === 'decimal';
  if (name === 'decimal') {
    statics.Zero = property('decimal', () => new CsDecimal(0n, 0));
    statics.One = property('decimal', () => new CsDecimal(1n, 0));
    statics.MinusOne = property('decimal', () => new CsDecimal(-1n, 0));
    // decimal.Round(d[, decimals][, MidpointRounding]): to even by default (MidpointRounding.AwayFromZero is 1).
    statics.Round = method('decimal', [1, 3], (_s, [v, d, mode], inv) => {
      const digits = inv.argTypes[1] === 'MidpointRounding' ? 0 : ((d as number | undefined) ?? 0);
      const away = (inv.argTypes[1] === 'MidpointRounding' ? d : mode) === 1;
      return roundDecimal(v, digits, away);
    }, true);
  }
  if (exact) {
    // Dynamic operands (object, var from dynamic) find their operators here.
    const op = (symbol: string) => method(name, [2, 2], (_s, [a, b]) => (name === 'decimal'
      ? decimalArithmetic(symbol, a, b)
      : longArithmetic(symbol, a as Int64, b as Int64, name === 'ulong')), true);
    Object.assign(statics, { op_Addition: op('+'), op_Subtraction: op('-'), op_Multiply: op('*'), op_Division: op('/'), op_Modulus: op('%') });
  }
  const integral = !['double', 'float', 'decimal'].includes(name);
  const compare = name === 'decimal' ? (a: unknown, b: unknown) => compareDecimal(a, b)
    : (a: unknown, b: unknown) => ((a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0);
  const equals = name === 'decimal' ? (a: unknown, b: unknown) => isDecimalValue(b) && compareDecimal(a, b) === 0 : (a: unknown, b: unknown) => a === b;
  return {
    name,
    aliases: [clr, `System.${clr}`],
    is: name === 'decimal' ? isDecimalValue
      : exact ? (v) => typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))
        : integral ? (v) => typeof v === 'number' && Number.isInteger(v) : (v) => typeof v === 'number',
    static: statics,
    instance: {
      ToString: method('string', [0, 2], (self: number, [f]) => formatNumeric(self, name, typeof f === 'string' ? f : null), true),
      CompareTo: method('int', [1, 1], (self: number, [o]) => (o === null ? 1 : compare(self, o)), true),
      Equals: method('bool', [1, 1], (self: number, [o]) => equals(self, o), true),
      GetHashCode: method('int', [0, 0], (self: number) => Number(typeof self === 'bigint' ? BigInt.asIntN(32, self) : Number(self) | 0)),
    },
    toString: (self: number, format?: string) => formatNumeric(self, name, format),
    equals,
    compare,
  };
}

const isDecimalValue = (v: unknown): boolean => typeof v === 'number' || v instanceof CsDecimal;

/** A decimal argument as a decimal (library code may hand a double). */
export { toDecimal };

export const numberTypes: TypeDecl[] = Object.keys(RANGES).map(numberDecl);
