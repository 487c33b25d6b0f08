// The TypeDecl of List<T>.
import { ExpressionError, method, property } from '../registry.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../registry.ts';
import { CsList } from './list.ts';
import { csCompare, csEquals } from './equality.ts';
import { toArray } from './iterate.ts';
import { CsStringComparer } from './string-comparer.ts';
import { elementOf, typeArg } from './generic-args.ts';
import { invalidCast } from './casts.ts';

type Fn = (...a: unknown[]) => unknown;

function indexOf(items: unknown[], v: unknown, from = 0): number {
  for (let i = from; i < items.length; i++) if (csEquals(items[i], v)) return i;
  return -1;
}

/** Comparison for Sort/OrderBy: a lambda (Comparison<T>), an IComparer such as StringComparer, or the default. */
export function comparison(arg: unknown): (a: unknown, b: unknown) => number {
  if (typeof arg === 'function') return (a, b) => Number((arg as Fn)(a, b));
  if (arg instanceof CsStringComparer) return (a, b) => arg.compare(a as string | null, b as string | null);
  return csCompare;
}

function predicate(f: unknown): Fn {
  if (typeof f !== 'function') throw new ExpressionError("Value cannot be null. (Parameter 'match')");
  return f as Fn;
}

const list = (self: unknown): CsList => self as CsList;
const T = (receiver: string): string => typeArg(0)(receiver, [], []);

export const listMembers: Record<string, MemberDecl> = {
  Count: property('int', (s) => list(s).Count),
  Capacity: property('int', (s) => list(s).Count),
  Add: method('void', [1, 1], (s, [v], inv) => {
    inv.guard.alloc(1);
    list(s).items.push(v);
  }),
  AddRange: method('void', [1, 1], (s, [xs], inv) => {
    const items = toArray(xs, inv.guard, 'collection');
    inv.guard.alloc(items.length);
    list(s).items.push(...items);
  }),
  Insert: method('void', [2, 2], (s, [i, v], inv) => {
    const l = list(s);
    if (typeof i !== 'number' || i < 0 || i > l.items.length) {
      throw new ExpressionError("Index must be within the bounds of the List. (Parameter 'index')");
    }
    inv.guard.step(l.items.length);
    l.items.splice(i, 0, v);
  }),
  InsertRange: method('void', [2, 2], (s, [i, xs], inv) => {
    const l = list(s);
    if (typeof i !== 'number' || i < 0 || i > l.items.length) {
      throw new ExpressionError("Index must be within the bounds of the List. (Parameter 'index')");
    }
    const items = toArray(xs, inv.guard, 'collection');
    l.items.splice(i, 0, ...items);
  }),
  Remove: method('bool', [1, 1], (s, [v], inv) => {
    const l = list(s);
    inv.guard.step(l.items.length);
    const i = indexOf(l.items, v);
    if (i < 0) return false;
    l.items.splice(i, 1);
    return true;
  }),
  RemoveAt: method('void', [1, 1], (s, [i]) => {
    const l = list(s);
    l.items.splice(l.checkIndex(i), 1);
  }),
  RemoveRange: method('void', [2, 2], (s, [i, n]) => {
    const l = list(s);
    if (typeof i !== 'number' || typeof n !== 'number' || i < 0 || n < 0 || i + n > l.items.length) {
      throw new ExpressionError('Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.');
    }
    l.items.splice(i, n);
  }),
  RemoveAll: method('int', [1, 1], (s, [f], inv) => {
    const l = list(s);
    const p = predicate(f);
    inv.guard.step(l.items.length);
    const keep = l.items.filter((x) => !p(x));
    const removed = l.items.length - keep.length;
    l.items.splice(0, l.items.length, ...keep);
    return removed;
  }),
  Clear: method('void', [0, 0], (s) => {
    list(s).items.length = 0;
  }),
  Contains: method('bool', [1, 1], (s, [v], inv) => {
    inv.guard.step(list(s).items.length);
    return indexOf(list(s).items, v) >= 0;
  }),
  IndexOf: method('int', [1, 2], (s, [v, from], inv) => {
    inv.guard.step(list(s).items.length);
    return indexOf(list(s).items, v, typeof from === 'number' ? from : 0);
  }),
  LastIndexOf: method('int', [1, 1], (s, [v], inv) => {
    const items = list(s).items;
    inv.guard.step(items.length);
    for (let i = items.length - 1; i >= 0; i--) if (csEquals(items[i], v)) return i;
    return -1;
  }),
  ToArray: method((r) => `${T(r)}[]`, [0, 0], (s, _a, inv) => {
    inv.guard.alloc(list(s).items.length);
    return [...list(s).items];
  }),
  Sort: method('void', [0, 1], (s, [c], inv) => {
    const l = list(s);
    inv.guard.step(l.items.length * Math.max(1, Math.ceil(Math.log2(l.items.length + 1))));
    l.items.sort(comparison(c));
  }),
  Reverse: method('void', [0, 0], (s) => {
    list(s).items.reverse();
  }),
  Find: method(elementOf, [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    for (const x of list(s).items) {
      inv.guard.step();
      if (p(x)) return x;
    }
    return defaultFor(s);
  }),
  FindLast: method(elementOf, [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    const items = list(s).items;
    for (let i = items.length - 1; i >= 0; i--) {
      inv.guard.step();
      if (p(items[i])) return items[i];
    }
    return defaultFor(s);
  }),
  FindAll: method((r) => `List<${T(r)}>`, [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    inv.guard.step(list(s).items.length);
    return new CsList(list(s).items.filter((x) => p(x)), list(s).elementType);
  }),
  FindIndex: method('int', [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    inv.guard.step(list(s).items.length);
    return list(s).items.findIndex((x) => p(x));
  }),
  Exists: method('bool', [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    inv.guard.step(list(s).items.length);
    return list(s).items.some((x) => p(x));
  }),
  TrueForAll: method('bool', [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    inv.guard.step(list(s).items.length);
    return list(s).items.every((x) => p(x));
  }),
  ForEach: method('void', [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    for (const x of [...list(s).items]) {
      inv.guard.step();
      p(x);
    }
  }),
  GetRange: method((r) => `List<${T(r)}>`, [2, 2], (s, [i, n]) => {
    const l = list(s);
    if (typeof i !== 'number' || typeof n !== 'number' || i < 0 || n < 0 || i + n > l.items.length) {
      throw new ExpressionError('Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection.');
    }
    return new CsList(l.items.slice(i, i + n), l.elementType);
  }),
  ConvertAll: method('List<dynamic>', [1, 1], (s, [f], inv) => {
    const p = predicate(f);
    inv.guard.step(list(s).items.length);
    return new CsList(list(s).items.map((x) => p(x)));
  }),
};

/** foreach over a list that the loop body changes fails in .NET; it must not loop forever here. */
export function* guardedIteration(items: unknown[]): Iterable<unknown> {
  const n = items.length;
  for (let i = 0; i < n; i++) {
    if (items.length !== n) break;
    yield items[i];
  }
  if (items.length !== n) throw new ExpressionError('Collection was modified; enumeration operation may not execute.', 'InvalidOperationException');
}

function defaultFor(s: unknown): unknown {
  const t = list(s).elementType;
  return ['int', 'long', 'double', 'float', 'decimal', 'short', 'byte'].includes(t) ? 0 : t === 'bool' ? false : null;
}

function construct(args: unknown[], inv: Invocation): CsList {
  const elementType = inv.typeArgs[0] ?? 'dynamic';
  const [src] = args;
  if (src === undefined || typeof src === 'number') {
    if (typeof src === 'number' && src < 0) {
      throw new ExpressionError("Non-negative number required. (Parameter 'capacity')");
    }
    return new CsList([], elementType);
  }
  const items = toArray(src, inv.guard, 'collection');
  inv.guard.alloc(items.length);
  return new CsList([...items], elementType);
}

// Lambdas passed to List<T> methods take T (Sort's Comparison<T> takes two).
for (const name of ['RemoveAll', 'Find', 'FindLast', 'FindAll', 'FindIndex', 'Exists', 'TrueForAll', 'ForEach', 'ConvertAll', 'Sort']) {
  const m = listMembers[name];
  if (m?.kind === 'method') listMembers[name] = { ...m, lambdaParams: (r, _i, count) => (count >= 2 ? [T(r), T(r)] : [T(r)]) };
}

export const listDecl: TypeDecl = {
  name: 'List',
  aliases: ['System.Collections.Generic.List'],
  generic: 1,
  base: 'IList',
  is: (v) => v instanceof CsList,
  construct: method((_r, typeArgs) => `List<${typeArgs[0] ?? 'dynamic'}>`, [0, 1], (_s, args, inv) => construct(args, inv)),
  add: (self, item) => list(self).items.push(item),
  indexer: {
    type: (receiver) => T(receiver),
    get: (self, i) => list(self).get(i),
    set: (self, i, v) => list(self).set(i, v),
  },
  instance: listMembers,
  cast(value) {
    throw invalidCast(value, 'List<dynamic>');
  },
  enumerate: (self) => guardedIteration(list(self).items),
  toString: (self) => list(self).toString(),
};
