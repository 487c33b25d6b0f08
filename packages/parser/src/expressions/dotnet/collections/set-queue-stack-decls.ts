// TypeDecls of HashSet<T>, Queue<T>, Stack<T>, KeyValuePair<K,V> and StringComparer.
import { OutRef, method, property } from '../registry.ts';
import type { Invocation, TypeDecl } from '../registry.ts';
import { CsHashSet } from './hash-set.ts';
import { CsQueue, CsStack } from './queue-stack.ts';
import { KeyValuePair } from './key-value-pair.ts';
import { CsStringComparer, STRING_COMPARERS } from './string-comparer.ts';
import { csEquals } from './equality.ts';
import { toArray } from './iterate.ts';
import { typeArg } from './generic-args.ts';
import { invalidCast } from './casts.ts';
import { defaultOf } from './type-names.ts';

const set = (s: unknown): CsHashSet => s as CsHashSet;
const T = (r: string): string => typeArg(0)(r, [], []);

function newSet(args: unknown[], inv: Invocation): CsHashSet {
  const comparer = args.find((a) => a instanceof CsStringComparer) as CsStringComparer | undefined;
  const s = new CsHashSet(inv.typeArgs[0] ?? 'dynamic', comparer ?? null);
  const src = args.find((a) => a !== comparer && typeof a !== 'number' && a != null);
  if (src !== undefined) for (const x of toArray(src, inv.guard, 'collection')) s.add(x);
  return s;
}

export const hashSetDecl: TypeDecl = {
  name: 'HashSet',
  aliases: ['System.Collections.Generic.HashSet'],
  generic: 1,
  base: 'ISet',
  is: (v) => v instanceof CsHashSet,
  construct: method((_r, t) => `HashSet<${t[0] ?? 'dynamic'}>`, [0, 2], (_s, args, inv) => newSet(args, inv)),
  add: (self, item) => void set(self).add(item),
  instance: {
    Count: property('int', (s) => set(s).Count),
    Add: method('bool', [1, 1], (s, [v], inv) => {
      inv.guard.alloc(1);
      return set(s).add(v);
    }),
    Contains: method('bool', [1, 1], (s, [v]) => set(s).has(v)),
    Remove: method('bool', [1, 1], (s, [v]) => set(s).remove(v)),
    Clear: method('void', [0, 0], (s) => set(s).clear()),
    UnionWith: method('void', [1, 1], (s, [xs], inv) => {
      for (const x of toArray(xs, inv.guard, 'other')) set(s).add(x);
    }),
    IntersectWith: method('void', [1, 1], (s, [xs], inv) => {
      const other = newSet([xs], { ...inv, typeArgs: [] });
      set(s).retain((v) => other.has(v));
    }),
    ExceptWith: method('void', [1, 1], (s, [xs], inv) => {
      for (const x of toArray(xs, inv.guard, 'other')) set(s).remove(x);
    }),
    SetEquals: method('bool', [1, 1], (s, [xs], inv) => {
      const other = toArray(xs, inv.guard, 'other');
      return other.every((x) => set(s).has(x)) && [...set(s)].every((v) => other.some((o) => csEquals(o, v)));
    }),
    Overlaps: method('bool', [1, 1], (s, [xs], inv) => toArray(xs, inv.guard, 'other').some((x) => set(s).has(x))),
    IsSubsetOf: method('bool', [1, 1], (s, [xs], inv) => {
      const other = toArray(xs, inv.guard, 'other');
      return [...set(s)].every((v) => other.some((o) => csEquals(o, v)));
    }),
    IsSupersetOf: method('bool', [1, 1], (s, [xs], inv) => toArray(xs, inv.guard, 'other').every((x) => set(s).has(x))),
    TryGetValue: method('bool', [2, 2], (s, [v, out]) => {
      const found = [...set(s)].find((x) => set(s).comparer ? set(s).comparer!.equals(x, v) : csEquals(x, v));
      if (out instanceof OutRef) out.value = found === undefined ? null : found;
      return found !== undefined;
    }),
  },
  cast(value) {
    throw invalidCast(value, 'HashSet<dynamic>');
  },
  enumerate: (self) => [...set(self)],
  toString: (self) => set(self).toString(),
};

function fill<C extends CsQueue | CsStack>(c: C, args: unknown[], inv: Invocation): C {
  const [src] = args;
  if (src !== undefined && typeof src !== 'number' && src !== null) c.items.push(...toArray(src, inv.guard, 'collection'));
  return c;
}

function tryOut(out: unknown, has: boolean, take: () => unknown, type: string): boolean {
  const v = has ? take() : defaultOf(type);
  if (out instanceof OutRef) out.value = v;
  return has;
}

export const queueDecl: TypeDecl = {
  name: 'Queue',
  aliases: ['System.Collections.Generic.Queue'],
  generic: 1,
  base: 'IEnumerable',
  is: (v) => v instanceof CsQueue,
  construct: method((_r, t) => `Queue<${t[0] ?? 'dynamic'}>`, [0, 1], (_s, args, inv) => fill(new CsQueue(inv.typeArgs[0]), args, inv)),
  instance: {
    Count: property('int', (s) => (s as CsQueue).Count),
    Enqueue: method('void', [1, 1], (s, [v], inv) => {
      inv.guard.alloc(1);
      (s as CsQueue).items.push(v);
    }),
    Dequeue: method((r) => T(r), [0, 0], (s) => (s as CsQueue).dequeue()),
    Peek: method((r) => T(r), [0, 0], (s) => (s as CsQueue).peek()),
    TryDequeue: method('bool', [1, 1], (s, [out]) => {
      const q = s as CsQueue;
      return tryOut(out, q.Count > 0, () => q.dequeue(), q.elementType);
    }),
    TryPeek: method('bool', [1, 1], (s, [out]) => {
      const q = s as CsQueue;
      return tryOut(out, q.Count > 0, () => q.peek(), q.elementType);
    }),
    Contains: method('bool', [1, 1], (s, [v]) => (s as CsQueue).items.some((x) => csEquals(x, v))),
    Clear: method('void', [0, 0], (s) => void ((s as CsQueue).items.length = 0)),
    ToArray: method((r) => `${T(r)}[]`, [0, 0], (s) => [...(s as CsQueue).items]),
  },
  cast(value) {
    throw invalidCast(value, 'Queue<dynamic>');
  },
  enumerate: (self) => [...(self as CsQueue)],
  toString: (self) => (self as CsQueue).toString(),
};

export const stackDecl: TypeDecl = {
  name: 'Stack',
  aliases: ['System.Collections.Generic.Stack'],
  generic: 1,
  base: 'IEnumerable',
  is: (v) => v instanceof CsStack,
  construct: method((_r, t) => `Stack<${t[0] ?? 'dynamic'}>`, [0, 1], (_s, args, inv) => fill(new CsStack(inv.typeArgs[0]), args, inv)),
  instance: {
    Count: property('int', (s) => (s as CsStack).Count),
    Push: method('void', [1, 1], (s, [v], inv) => {
      inv.guard.alloc(1);
      (s as CsStack).items.push(v);
    }),
    Pop: method((r) => T(r), [0, 0], (s) => (s as CsStack).pop()),
    Peek: method((r) => T(r), [0, 0], (s) => (s as CsStack).peek()),
    TryPop: method('bool', [1, 1], (s, [out]) => {
      const st = s as CsStack;
      return tryOut(out, st.Count > 0, () => st.pop(), st.elementType);
    }),
    TryPeek: method('bool', [1, 1], (s, [out]) => {
      const st = s as CsStack;
      return tryOut(out, st.Count > 0, () => st.peek(), st.elementType);
    }),
    Contains: method('bool', [1, 1], (s, [v]) => (s as CsStack).items.some((x) => csEquals(x, v))),
    Clear: method('void', [0, 0], (s) => void ((s as CsStack).items.length = 0)),
    ToArray: method((r) => `${T(r)}[]`, [0, 0], (s) => [...(s as CsStack)]),
  },
  cast(value) {
    throw invalidCast(value, 'Stack<dynamic>');
  },
  enumerate: (self) => [...(self as CsStack)],
  toString: (self) => (self as CsStack).toString(),
};

export const keyValuePairDecl: TypeDecl = {
  name: 'KeyValuePair',
  aliases: ['System.Collections.Generic.KeyValuePair'],
  generic: 2,
  is: (v) => v instanceof KeyValuePair,
  construct: method((_r, t) => `KeyValuePair<${t[0] ?? 'dynamic'},${t[1] ?? 'dynamic'}>`, [2, 2], (_s, [k, v]) => new KeyValuePair(k, v)),
  instance: {
    Key: property((r) => typeArg(0)(r, [], []), (s) => (s as KeyValuePair).Key),
    Value: property((r) => typeArg(1)(r, [], []), (s) => (s as KeyValuePair).Value),
  },
  cast(value) {
    throw invalidCast(value, 'KeyValuePair');
  },
  toString: (self) => (self as KeyValuePair).toString(),
  equals: (a, b) => (a as KeyValuePair).csEquals(b),
};

const comparerStatics = Object.fromEntries(
  Object.entries(STRING_COMPARERS).map(([name, c]) => [name, property('StringComparer', () => c)]),
);

export const stringComparerDecl: TypeDecl = {
  name: 'StringComparer',
  aliases: ['System.StringComparer'],
  is: (v) => v instanceof CsStringComparer,
  static: comparerStatics,
  instance: {
    Compare: method('int', [2, 2], (s, [a, b]) => (s as CsStringComparer).compare(a as string | null, b as string | null)),
    Equals: method('bool', [2, 2], (s, [a, b]) => (s as CsStringComparer).equals(a, b)),
  },
  toString: (self) => (self as CsStringComparer).toString(),
};
