// long and ulong values: a JS number while the value is a safe integer (|v| < 2^53, every value policies
// usually meet, and the fast path), a BigInt beyond (DateTime ticks, long.MaxValue, 1L << 62). The form is
// canonical, so `===` compares values. Arithmetic, shifts and bitwise operators wrap at 64 bits as C#'s
// unchecked arithmetic does.
import { ExpressionError } from './registry.ts';

export type Int64 = number | bigint;

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

export const LONG_MIN = -(2n ** 63n);
export const LONG_MAX = 2n ** 63n - 1n;
export const ULONG_MAX = 2n ** 64n - 1n;

/** The canonical form of an integer value. */
export function canon(b: bigint): Int64 {
  return b >= MIN_SAFE && b <= MAX_SAFE ? Number(b) : b;
}

/** An integral value (number or BigInt) as a BigInt; a fraction is truncated, NaN and infinities give 0. */
export function toBig(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  const n = Number(v);
  return Number.isFinite(n) ? BigInt(Math.trunc(n)) : 0n;
}

/** Wraps to 64 bits, signed (long) or unsigned (ulong). */
export function wrap64(b: bigint, unsigned: boolean): Int64 {
  return canon(unsigned ? BigInt.asUintN(64, b) : BigInt.asIntN(64, b));
}

const divideByZero = (): ExpressionError => new ExpressionError('Attempted to divide by zero.', 'DivideByZeroException');

/** `x op y` for + - * / % on long (or ulong) operands. */
export function longArithmetic(op: string, x: Int64, y: Int64, unsigned: boolean): Int64 {
  if (typeof x === 'number' && typeof y === 'number') {
    // Exact in doubles whenever the result is a safe integer (and, unsigned, not negative).
    let r: number;
    switch (op) {
      case '+': r = x + y; break;
      case '-': r = x - y; break;
      case '*': r = x * y; break;
      case '/':
        if (y === 0) throw divideByZero();
        // |x| < 2^53: the rounded quotient truncates to the exact one.
        r = Math.trunc(x / y) + 0;
        break;
      default:
        if (y === 0) throw divideByZero();
        r = (x % y) + 0;
    }
    if (Number.isSafeInteger(r) && (!unsigned || r >= 0)) return r;
  }
  const a = toBig(x);
  const b = toBig(y);
  switch (op) {
    case '+': return wrap64(a + b, unsigned);
    case '-': return wrap64(a - b, unsigned);
    case '*': return wrap64(a * b, unsigned);
    case '/':
      if (b === 0n) throw divideByZero();
      return wrap64(a / b, unsigned);
    default:
      if (b === 0n) throw divideByZero();
      return wrap64(a % b, unsigned);
  }
}

/** `x << n` and `x >> n` on long/ulong: the count is masked to 6 bits; ulong shifts right logically. */
export function longShift(op: '<<' | '>>', x: Int64, count: number, unsigned: boolean): Int64 {
  const n = BigInt(count & 63);
  const a = unsigned ? BigInt.asUintN(64, toBig(x)) : toBig(x);
  return wrap64(op === '<<' ? a << n : a >> n, unsigned);
}

/** `x & y`, `x | y`, `x ^ y`, `~x` on long/ulong (JS's own operators would cut to 32 bits). */
export function longBitwise(op: '&' | '|' | '^' | '~', x: Int64, y: Int64, unsigned: boolean): Int64 {
  if (op === '~') return wrap64(~toBig(x), unsigned);
  const a = toBig(x);
  const b = toBig(y);
  return wrap64(op === '&' ? a & b : op === '|' ? a | b : a ^ b, unsigned);
}

/** An integral value converted to a narrower or other integral type (unchecked, as C# casts are). */
export function convertIntegral(v: Int64, target: string): Int64 {
  const b = toBig(v);
  switch (target) {
    case 'long': return wrap64(b, false);
    case 'ulong': return wrap64(b, true);
    case 'int': return Number(BigInt.asIntN(32, b));
    case 'uint': return Number(BigInt.asUintN(32, b));
    case 'short': return Number(BigInt.asIntN(16, b));
    case 'ushort': return Number(BigInt.asUintN(16, b));
    case 'sbyte': return Number(BigInt.asIntN(8, b));
    default: return Number(BigInt.asUintN(8, b));
  }
}
