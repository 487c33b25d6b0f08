// System.Random. Unseeded instances draw from node:crypto; seeded ones use a deterministic generator
// (mulberry32) whose sequence differs from .NET's: the same seed repeats, but not .NET's numbers.
import { randomInt } from 'node:crypto';
import { ExpressionError, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { bytesArg } from './bytes.ts';

const INT_MAX = 2147483647;

export class CsRandom {
  private state: number;
  constructor(seed?: number) {
    this.state = (seed ?? randomInt(0, 2 ** 32 - 1)) >>> 0;
  }

  /** A double in [0, 1). */
  sample(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  next(min: number, max: number): number {
    return min + Math.floor(this.sample() * (max - min));
  }
}

function self(v: unknown): CsRandom {
  if (v instanceof CsRandom) return v;
  throw new ExpressionError('Object must be a Random.', 'ArgumentException');
}

function int(v: unknown, name: string): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  throw new ExpressionError(`Argument '${name}' must be an integer.`, 'ArgumentException');
}

const shared = new CsRandom();

const instance: Record<string, MemberDecl> = {
  Next: method('int', [0, 2], (r, args) => {
    if (args.length === 0) return self(r).next(0, INT_MAX);
    if (args.length === 1) {
      const max = int(args[0], 'maxValue');
      if (max < 0) throw new ExpressionError('\'maxValue\' must be greater than or equal to zero. (Parameter \'maxValue\')', 'ArgumentOutOfRangeException');
      return self(r).next(0, max);
    }
    const min = int(args[0], 'minValue');
    const max = int(args[1], 'maxValue');
    if (min > max) throw new ExpressionError('\'minValue\' cannot be greater than maxValue. (Parameter \'minValue\')', 'ArgumentOutOfRangeException');
    return self(r).next(min, max);
  }),
  NextDouble: method('double', [0, 0], (r) => self(r).sample()),
  NextInt64: method('long', [0, 2], (r, args) => {
    const [min, max] = args.length === 2 ? [Number(args[0]), Number(args[1])] : [0, args.length === 1 ? Number(args[0]) : Number.MAX_SAFE_INTEGER];
    if (min > max) throw new ExpressionError('\'minValue\' cannot be greater than maxValue. (Parameter \'minValue\')', 'ArgumentOutOfRangeException');
    return self(r).next(min, max);
  }),
  NextBytes: method('void', [1, 1], (r, [b], inv) => {
    const bytes = bytesArg(b, 'buffer');
    inv.guard.step(bytes.length);
    for (let i = 0; i < bytes.length; i++) bytes[i] = self(r).next(0, 256);
    return null;
  }),
};

export const randomType: TypeDecl = {
  name: 'Random',
  aliases: ['System.Random'],
  is: (v) => v instanceof CsRandom,
  construct: method('Random', [0, 1], (_s, [seed]) => new CsRandom(seed === undefined ? undefined : int(seed, 'Seed'))),
  instance,
  static: { Shared: property('Random', () => shared) },
  toString: () => 'System.Random',
};
