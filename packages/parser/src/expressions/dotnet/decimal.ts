// System.Decimal as .NET keeps it: an integer and a scale (value = units / 10^scale, scale 0..28), so that
// 0.1m + 0.2m == 0.3m and 1.10m prints "1.10". Decimal literals, decimal arithmetic, decimal.Parse and casts to
// decimal make CsDecimal values; a decimal that comes from elsewhere in the library is a JS number and is
// read through its shortest round-trip text (0.1 → 0.1m), as .NET's (decimal)double conversion gives.
import { ExpressionError } from './registry.ts';

/** 2^96 - 1: the largest magnitude of the 96-bit integer part. */
const MAX_UNITS = 2n ** 96n - 1n;
const MAX_SCALE = 28;

const POW10: bigint[] = [1n];
for (let k = 1; k <= 60; k++) POW10.push(POW10[k - 1]! * 10n);

export class CsDecimal {
  constructor(readonly units: bigint, readonly scale: number) {}

  /** The nearest double (Number(d), comparisons with doubles, library code that wants a number). */
  valueOf(): number {
    return Number(this.scale === 0 ? this.units.toString() : `${this.units}e-${this.scale}`);
  }

  /** The invariant-culture ToString(): every digit, trailing zeros of the scale kept. */
  toString(): string {
    const neg = this.units < 0n;
    const digits = (neg ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const text = this.scale === 0 ? digits : `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return neg ? `-${text}` : text;
  }
}

function overflow(): never {
  throw new ExpressionError('Value was either too large or too small for a Decimal.', 'OverflowException');
}

/** Rounds `units` (at `scale`) down to `to` digits, midpoints to even (.NET's decimal rounding). */
function rescaleDown(units: bigint, scale: number, to: number): bigint {
  if (scale <= to) return units * POW10[to - scale]!;
  const div = POW10[scale - to]!;
  let q = units / div;
  const r = units % div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > div || (twice === div && (q & 1n) !== 0n)) q += units < 0n ? -1n : 1n;
  return q;
}

function make(units: bigint, scale: number): CsDecimal {
  if (scale > MAX_SCALE) {
    units = rescaleDown(units, scale, MAX_SCALE);
    scale = MAX_SCALE;
  }
  // Past 96 bits, give up scale (precision) before overflowing, as .NET does.
  while ((units > MAX_UNITS || units < -MAX_UNITS) && scale > 0) {
    units = rescaleDown(units, scale, scale - 1);
    scale--;
  }
  if (units > MAX_UNITS || units < -MAX_UNITS) overflow();
  return new CsDecimal(units, scale);
}

/** Decimal text ("1.10", "-3", "2.5E-3") as a decimal, or null when it is not a number. */
export function parseDecimalText(text: string): CsDecimal | null {
  const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text.replace(/,/g, ''));
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
  const fraction = m[3] ?? '';
  let units = BigInt((m[2] || '0') + fraction);
  let scale = fraction.length - Number(m[4] ?? 0);
  if (scale < 0) {
    if (-scale > 40) overflow();
    units *= POW10[-scale]!;
    scale = 0;
  }
  return make(m[1] === '-' ? -units : units, scale);
}

/** Any numeric value as a decimal: CsDecimal as is, integers exactly, doubles by their shortest text. */
export function toDecimal(v: unknown): CsDecimal {
  if (v instanceof CsDecimal) return v;
  if (typeof v === 'bigint') return make(v, 0);
  const n = Number(v);
  if (!Number.isFinite(n)) overflow();
  if (Number.isSafeInteger(n)) return new CsDecimal(BigInt(n), 0);
  return parseDecimalText(String(n)) ?? overflow();
}

function aligned(a: CsDecimal, b: CsDecimal): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.units * POW10[s - a.scale]!, b.units * POW10[s - b.scale]!, s];
}

const divideByZero = (): ExpressionError => new ExpressionError('Attempted to divide by zero.', 'DivideByZeroException');

function digitCount(u: bigint): number {
  return (u < 0n ? -u : u).toString().length;
}

/** `x op y` for + - * / % with decimal semantics. */
export function decimalArithmetic(op: string, x: unknown, y: unknown): CsDecimal {
  const a = toDecimal(x);
  const b = toDecimal(y);
  switch (op) {
    case '+': { const [p, q, s] = aligned(a, b); return make(p + q, s); }
    case '-': { const [p, q, s] = aligned(a, b); return make(p - q, s); }
    case '*': return make(a.units * b.units, a.scale + b.scale);
    case '/': {
      if (b.units === 0n) throw divideByZero();
      // Exact when the quotient ends within 28 digits (scale at least scale(a) - scale(b)), else rounded to
      // 28-29 significant digits, midpoints to even.
      let scale = Math.max(0, a.scale - b.scale);
      for (;;) {
        const shift = scale - a.scale + b.scale;
        const num = a.units * POW10[shift]!;
        const q = num / b.units;
        const r = num % b.units;
        if (r === 0n) return make(q, scale);
        if (digitCount(q) >= 29 || scale >= MAX_SCALE) {
          const twice = (r < 0n ? -r : r) * 2n;
          const den = b.units < 0n ? -b.units : b.units;
          const negative = (a.units < 0n) !== (b.units < 0n);
          let rounded = q;
          if (twice > den || (twice === den && (q & 1n) !== 0n)) rounded += negative ? -1n : 1n;
          return make(rounded, scale);
        }
        scale++;
      }
    }
    default: {
      if (b.units === 0n) throw divideByZero();
      const [p, q, s] = aligned(a, b);
      return make(p % q, s);
    }
  }
}

/** Ordering of two decimal values (scale does not matter: 1.10m == 1.1m). */
export function compareDecimal(x: unknown, y: unknown): number {
  const [p, q] = aligned(toDecimal(x), toDecimal(y));
  return p < q ? -1 : p > q ? 1 : 0;
}

export function negateDecimal(x: unknown): CsDecimal {
  const d = toDecimal(x);
  return new CsDecimal(-d.units, d.scale);
}

/** decimal.Round / Math.Round(decimal, digits): midpoints to even unless told AwayFromZero. */
export function roundDecimal(x: unknown, digits: number, awayFromZero = false): CsDecimal {
  const d = toDecimal(x);
  if (d.scale <= digits) return d;
  if (!awayFromZero) return make(rescaleDown(d.units, d.scale, digits), digits);
  const div = POW10[d.scale - digits]!;
  const r = d.units % div;
  let q = d.units / div;
  if ((r < 0n ? -r : r) * 2n >= div) q += d.units < 0n ? -1n : 1n;
  return make(q, digits);
}

/** Truncation toward zero, for casts to integral types. */
export function truncateDecimal(x: unknown): bigint {
  const d = toDecimal(x);
  return d.units / POW10[d.scale]!;
}

export const DECIMAL_MAX = new CsDecimal(MAX_UNITS, 0);
export const DECIMAL_MIN = new CsDecimal(-MAX_UNITS, 0);
