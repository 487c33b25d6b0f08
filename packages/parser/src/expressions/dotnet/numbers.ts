// int, long, short, byte, sbyte, uint, ulong, ushort, double, float, decimal: Parse, TryParse, MinValue,
// MaxValue, ToString(format). All are JS numbers; the static type picks formatting and integer semantics.
// long/ulong/decimal beyond 2^53 lose precision (documented limit of the JS number representation).
import { ExpressionError, method, property, OutRef } from './registry.ts';
import type { MemberDecl, TypeDecl } from './registry.ts';
import { formatNumber } from './number-format.ts';

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

/** Parses with the invariant culture; throws FormatException/OverflowException as .NET does. */
export function parseNumber(type: string, s: unknown): number {
  if (s === null || s === undefined) throw new ExpressionError("Value cannot be null. (Parameter 's')", 'ArgumentNullException');
  const text = String(s);
  const [min, max, clr] = RANGES[type]!;
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
  if (v < min || v > max) throw new ExpressionError(`Value was either too large or too small for ${/^[AEIOU]/.test(clr) ? 'an' : 'a'} ${clr}.`, 'OverflowException');
  return type === 'float' ? Math.fround(v) : v;
}

function numberDecl(name: string): TypeDecl {
  const [min, max, clr] = RANGES[name]!;
  const statics: Record<string, MemberDecl> = {
    MinValue: property(name, () => min),
    MaxValue: property(name, () => max),
    Parse: method(name, [1, 3], (_s, [s]) => parseNumber(name, s)),
    TryParse: method('bool', [2, 4], (_s, args) => {
      const out = args[args.length - 1] as OutRef<number>;
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
  if (name === 'decimal') {
    statics.Zero = property('decimal', () => 0);
    statics.One = property('decimal', () => 1);
    statics.Round = method('decimal', [1, 3], (_s, [v, d]) => Number((v as number).toFixed((d as number | undefined) ?? 0)));
  }
  const integral = !['double', 'float', 'decimal'].includes(name);
  return {
    name,
    aliases: [clr, `System.${clr}`],
    is: integral ? (v) => typeof v === 'number' && Number.isInteger(v) : (v) => typeof v === 'number',
    static: statics,
    instance: {
      ToString: method('string', [0, 2], (self: number, [f]) => formatNumber(self, name, typeof f === 'string' ? f : null)),
      CompareTo: method('int', [1, 1], (self: number, [o]) => (o === null ? 1 : self < (o as number) ? -1 : self > (o as number) ? 1 : 0)),
      Equals: method('bool', [1, 1], (self: number, [o]) => self === o),
      GetHashCode: method('int', [0, 0], (self: number) => self | 0),
    },
    toString: (self: number, format?: string) => formatNumber(self, name, format),
    equals: (a, b) => a === b,
    compare: (a: number, b: number) => (a < b ? -1 : a > b ? 1 : 0),
  };
}

export const numberTypes: TypeDecl[] = Object.keys(RANGES).map(numberDecl);
