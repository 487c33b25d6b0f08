// System.Math. Round defaults to banker's rounding (MidpointRounding.ToEven), as .NET does.
import { ExpressionError, method, property } from './registry.ts';
import type { TypeDecl, TypeResolver } from './registry.ts';
import { promote } from '../types/type-names.ts';

const sameAsArgs: TypeResolver = (_r, _t, a) => {
  const known = a.filter((t) => t !== 'dynamic');
  return known.length === 0 ? 'dynamic' : known.reduce((x, y) => promote(x, y));
};
const floatOf: TypeResolver = (_r, _t, a) => (a[0] === 'decimal' ? 'decimal' : 'double');

function roundTo(x: number, digits: number, mode: number): number {
  const f = 10 ** digits;
  const y = x * f;
  let r: number;
  const frac = Math.abs(y - Math.trunc(y));
  const half = Math.abs(frac - 0.5) < 1e-9 * Math.max(1, Math.abs(y));
  switch (mode) {
    case 1: r = half ? Math.trunc(y) + Math.sign(y) : Math.round(y); break; // AwayFromZero
    case 2: r = Math.trunc(y); break;
    case 3: r = Math.floor(y); break;
    case 4: r = Math.ceil(y); break;
    default: {
      if (half) {
        const t = Math.trunc(y);
        r = t % 2 === 0 ? t : t + Math.sign(y);
      } else r = Math.round(y);
    }
  }
  return r / f;
}

export const mathDecl: TypeDecl = {
  name: 'Math',
  aliases: ['System.Math'],
  static: {
    PI: property('double', () => Math.PI),
    E: property('double', () => Math.E),
    Abs: method(sameAsArgs, [1, 1], (_s, [v]) => {
      if (v === -2147483648) throw new ExpressionError('Negating the minimum value of a twos complement number is invalid.', 'OverflowException');
      return Math.abs(v as number);
    }),
    Max: method(sameAsArgs, [2, 2], (_s, [a, b]) => Math.max(a as number, b as number)),
    Min: method(sameAsArgs, [2, 2], (_s, [a, b]) => Math.min(a as number, b as number)),
    Clamp: method(sameAsArgs, [3, 3], (_s, [v, lo, hi]) => Math.min(Math.max(v as number, lo as number), hi as number)),
    Floor: method(floatOf, [1, 1], (_s, [v]) => Math.floor(v as number)),
    Ceiling: method(floatOf, [1, 1], (_s, [v]) => Math.ceil(v as number)),
    Truncate: method(floatOf, [1, 1], (_s, [v]) => Math.trunc(v as number)),
    Round: method(floatOf, [1, 3], (_s, args, inv) => {
      let digits = 0;
      let mode = 0;
      for (let i = 1; i < args.length; i++) {
        if (inv.argTypes[i] === 'MidpointRounding') mode = args[i] as number;
        else digits = args[i] as number;
      }
      return roundTo(args[0] as number, digits, mode);
    }),
    Pow: method('double', [2, 2], (_s, [a, b]) => (a as number) ** (b as number)),
    Sqrt: method('double', [1, 1], (_s, [v]) => Math.sqrt(v as number)),
    Exp: method('double', [1, 1], (_s, [v]) => Math.exp(v as number)),
    Log: method('double', [1, 2], (_s, [v, b]) => (b === undefined ? Math.log(v as number) : Math.log(v as number) / Math.log(b as number))),
    Log10: method('double', [1, 1], (_s, [v]) => Math.log10(v as number)),
    Log2: method('double', [1, 1], (_s, [v]) => Math.log2(v as number)),
    Sign: method('int', [1, 1], (_s, [v]) => {
      if (Number.isNaN(v)) throw new ExpressionError('Function does not accept floating point Not-a-Number values.', 'ArithmeticException');
      return Math.sign(v as number);
    }),
    Sin: method('double', [1, 1], (_s, [v]) => Math.sin(v as number)),
    Cos: method('double', [1, 1], (_s, [v]) => Math.cos(v as number)),
    Tan: method('double', [1, 1], (_s, [v]) => Math.tan(v as number)),
    Atan: method('double', [1, 1], (_s, [v]) => Math.atan(v as number)),
  },
};
