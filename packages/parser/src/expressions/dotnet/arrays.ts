// T[] (JS arrays) and byte[] (Uint8Array), with the extension members the security module adds to byte[].
import { ExpressionError, method, property } from './registry.ts';
import type { MemberDecl, TypeDecl } from './registry.ts';
import * as security from './security/index.ts';
import { typeSystem } from '../types/registry-instance.ts';
import { csEquals } from '../runtime/convert.ts';

function at(a: ArrayLike<unknown>, i: unknown): number {
  const n = i as number;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= a.length) {
    throw new ExpressionError('Index was outside the bounds of the array.', 'IndexOutOfRangeException');
  }
  return n;
}

const elementOf = (r: string): string => (r.endsWith('[]') ? r.slice(0, -2) : 'dynamic');

export const arrayDecl: TypeDecl = {
  name: 'Array',
  aliases: ['System.Array'],
  base: 'IEnumerable',
  is: (v) => Array.isArray(v) || v instanceof Uint8Array,
  indexer: {
    type: (r) => elementOf(r),
    get: (a: unknown[], i) => a[at(a, i)],
    set: (a: unknown[], i, v) => {
      a[at(a, i)] = v;
    },
  },
  instance: {
    Length: property('int', (a: unknown[]) => a.length),
    LongLength: property('long', (a: unknown[]) => a.length),
    Rank: property('int', () => 1),
  },
  static: {
    Empty: method((_r, t) => `${t[0] ?? 'object'}[]`, [0, 0], () => []),
    IndexOf: method('int', [2, 2], (_s, [a, v]) => (a as unknown[]).findIndex((x) => csEquals(typeSystem(), x, v))),
    Reverse: method('void', [1, 1], (_s, [a]) => {
      (a as unknown[]).reverse();
    }),
    Sort: method('void', [1, 1], (_s, [a]) => {
      (a as unknown[]).sort((x, y) => (x === y ? 0 : (x as number) < (y as number) ? -1 : 1));
    }),
    Exists: method('bool', [2, 2], (_s, [a, f], inv) => (a as unknown[]).some((x) => {
      inv.guard.step();
      return (f as (x: unknown) => boolean)(x);
    })),
  },
  enumerate: (a: Iterable<unknown>) => a,
  elementType: elementOf,
};

export const byteArrayDecl: TypeDecl = {
  name: 'byte[]',
  aliases: ['System.Byte[]'],
  base: 'Array',
  is: (v) => v instanceof Uint8Array,
  indexer: {
    type: 'byte',
    get: (a: Uint8Array, i) => a[at(a, i)],
    set: (a: Uint8Array, i, v) => {
      a[at(a, i)] = v as number;
    },
  },
  // Read when the type system is built (after every module has loaded), not at import time.
  get instance() {
    const ext = (security as Record<string, unknown>).byteArrayExtensions;
    return {
      ...(ext && typeof ext === 'object' ? (ext as Record<string, MemberDecl>) : {}),
      Length: property('int', (a: Uint8Array) => a.length),
    };
  },
  enumerate: (a: Uint8Array) => a,
  elementType: () => 'byte',
};
