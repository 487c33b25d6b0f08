// LINQ: the System.Linq extension methods as instance members of IEnumerable<T>, which every sequence type
// has as a base, plus the static Enumerable class. Results are materialised (C#'s deferral is not needed for
// correct results); every operator charges the guard per element it touches.
import { ExpressionError, method } from '../registry.ts';
import type { Guard, Invocation, MemberDecl, MethodDecl, TypeDecl, TypeResolver } from '../registry.ts';
import { csCompare, csEquals, hashKey } from './equality.ts';
import { isSequence, nullArgument, seq, toArray } from './iterate.ts';
import { CsList, INDEX_OUT_OF_RANGE } from './list.ts';
import { CsDictionary } from './dictionary.ts';
import { CsHashSet } from './hash-set.ts';
import { CsStringComparer, keyFn } from './string-comparer.ts';
import { Grouping, OrderedSequence } from './ordered.ts';
import { comparison } from './list-decl.ts';
import { defaultOf, elementType, splitGeneric } from './type-names.ts';
import { isOfType } from './type-test.ts';
import { invalidCast, runtimeTypeName } from './casts.ts';
import { dotnetTypeName } from './list.ts';
import { CsDecimal, decimalArithmetic } from '../decimal.ts';
import { longArithmetic } from '../int64.ts';
import type { Int64 } from '../int64.ts';

type Fn = (...a: unknown[]) => unknown;

const NO_ELEMENTS = 'Sequence contains no elements';
const NO_MATCH = 'Sequence contains no matching element';
const MORE_THAN_ONE = 'Sequence contains more than one element';
const MORE_THAN_ONE_MATCH = 'Sequence contains more than one matching element';

function fn(f: unknown, param: string): Fn {
  if (typeof f !== 'function') throw nullArgument(param);
  return f as Fn;
}

/** Calls a selector/predicate; passes the index only to lambdas that declare two parameters. */
function indexed(f: unknown, param: string): (x: unknown, i: number) => unknown {
  const g = fn(f, param);
  return g.length >= 2 ? (x, i) => g(x, i) : (x) => g(x);
}

const truthy = (v: unknown): boolean => v === true;

function items(self: unknown, g: Guard): unknown[] {
  return toArray(self, g);
}

/** default(T) of a sequence's elements, where the value knows T (List<int> → 0) or the compiler told the
 *  receiver's static type (`new[] { 1, 2 }` is an int[]); null otherwise. */
function defaultElement(self: unknown, inv?: Invocation): unknown {
  const known = (self as { elementType?: string }).elementType;
  const t = known && known !== 'dynamic' ? known : inv?.receiverType ? elementType(inv.receiverType) : 'dynamic';
  return defaultOf(t);
}

// Result types ----------------------------------------------------------------------------------------
const T: TypeResolver = (r) => elementType(r);
const seqOfT: TypeResolver = (r) => `IEnumerable<${elementType(r)}>`;
const orderedOfT: TypeResolver = (r) => `IOrderedEnumerable<${elementType(r)}>`;

/** The result type of a Func<..., TResult> argument when the compiler tells it, 'dynamic' otherwise. */
function funcResult(argType: string | undefined): string {
  if (!argType?.startsWith('Func<')) return 'dynamic';
  const { args } = splitGeneric(argType);
  return args[args.length - 1]?.trim() || 'dynamic';
}
const seqOfSelected: TypeResolver = (_r, _t, a) => `IEnumerable<${funcResult(a[0])}>`;
const selectedOrT: TypeResolver = (r, _t, a) => (a.length > 0 ? funcResult(a[0]) : elementType(r));
const seqOfTypeArg: TypeResolver = (_r, t) => `IEnumerable<${t[0] ?? 'dynamic'}>`;

// Element access --------------------------------------------------------------------------------------
function first(self: unknown, args: unknown[], g: Guard, orDefault: boolean, inv?: Invocation): unknown {
  const p = args.length > 0 && typeof args[0] === 'function' ? fn(args[0], 'predicate') : null;
  for (const x of seq(self)) {
    g.step();
    if (!p || truthy(p(x))) return x;
  }
  if (orDefault) return args.length > (p ? 1 : 0) ? args[p ? 1 : 0] : defaultElement(self, inv);
  throw new ExpressionError(p ? NO_MATCH : NO_ELEMENTS, 'InvalidOperationException');
}

function last(self: unknown, args: unknown[], g: Guard, orDefault: boolean, inv?: Invocation): unknown {
  const p = args.length > 0 && typeof args[0] === 'function' ? fn(args[0], 'predicate') : null;
  let found = false;
  let result: unknown = null;
  for (const x of seq(self)) {
    g.step();
    if (!p || truthy(p(x))) {
      found = true;
      result = x;
    }
  }
  if (found) return result;
  if (orDefault) return args.length > (p ? 1 : 0) ? args[p ? 1 : 0] : defaultElement(self, inv);
  throw new ExpressionError(p ? NO_MATCH : NO_ELEMENTS, 'InvalidOperationException');
}

function single(self: unknown, args: unknown[], g: Guard, orDefault: boolean, inv?: Invocation): unknown {
  const p = args.length > 0 && typeof args[0] === 'function' ? fn(args[0], 'predicate') : null;
  let count = 0;
  let result: unknown = null;
  for (const x of seq(self)) {
    g.step();
    if (!p || truthy(p(x))) {
      count++;
      result = x;
      if (count > 1) throw new ExpressionError(p ? MORE_THAN_ONE_MATCH : MORE_THAN_ONE, 'InvalidOperationException');
    }
  }
  if (count === 1) return result;
  if (orDefault) return args.length > (p ? 1 : 0) ? args[p ? 1 : 0] : defaultElement(self, inv);
  throw new ExpressionError(p ? NO_MATCH : NO_ELEMENTS, 'InvalidOperationException');
}

// Aggregates ------------------------------------------------------------------------------------------
function projected(self: unknown, f: unknown, g: Guard): unknown[] {
  const xs = items(self, g);
  if (f === undefined) return xs;
  const s = fn(f, 'selector');
  return xs.map((x) => s(x));
}

/** Sum in the elements' own arithmetic: decimal (CsDecimal values, or a sequence of static element type
 *  decimal), long past 2^53 (BigInt values), else doubles. */
function sum(self: unknown, [f]: unknown[], g: Guard, inv: Invocation): unknown {
  const values = projected(self, f, g).filter((v) => v !== null);
  if (isDecimalSequence(values, f, inv)) return values.reduce((a: unknown, v) => decimalArithmetic('+', a, v), new CsDecimal(0n, 0));
  if (values.some((v) => typeof v === 'bigint')) return values.reduce((a: Int64, v) => longArithmetic('+', a, v as Int64, false), 0);
  let total = 0;
  for (const v of values) total += Number(v);
  return total;
}

function isDecimalSequence(values: unknown[], selector: unknown, inv: Invocation): boolean {
  if (values.some((v) => v instanceof CsDecimal)) return true;
  return selector === undefined && inv.receiverType !== undefined && elementType(inv.receiverType) === 'decimal';
}

function extreme(self: unknown, [f]: unknown[], g: Guard, sign: 1 | -1): unknown {
  const values = projected(self, f, g);
  let best: unknown = undefined;
  let sawNull = false;
  for (const v of values) {
    if (v === null) {
      sawNull = true;
      continue;
    }
    if (best === undefined || sign * csCompare(v, best) > 0) best = v;
  }
  if (best !== undefined) return best;
  // Nullable and reference element types give null on an empty or all-null sequence.
  if (sawNull || values.some((v) => typeof v === 'string')) return null;
  throw new ExpressionError(NO_ELEMENTS, 'InvalidOperationException');
}

function extremeBy(self: unknown, [f]: unknown[], g: Guard, sign: 1 | -1): unknown {
  const s = fn(f, 'keySelector');
  let best: unknown = undefined;
  let bestKey: unknown = undefined;
  for (const x of items(self, g)) {
    const k = s(x);
    if (best === undefined || sign * csCompare(k, bestKey) > 0) {
      best = x;
      bestKey = k;
    }
  }
  if (best === undefined) throw new ExpressionError(NO_ELEMENTS, 'InvalidOperationException');
  return best;
}

function average(self: unknown, [f]: unknown[], g: Guard, inv: Invocation): unknown {
  const values = projected(self, f, g);
  const present = values.filter((v) => v !== null);
  if (present.length === 0) {
    if (values.length > 0) return null;
    throw new ExpressionError(NO_ELEMENTS, 'InvalidOperationException');
  }
  if (isDecimalSequence(present, f, inv)) return decimalArithmetic('/', sum(self, [f], g, inv), present.length);
  return present.reduce((a: number, v) => a + Number(v), 0) / present.length;
}

function aggregate(self: unknown, args: unknown[], g: Guard): unknown {
  const xs = items(self, g);
  if (args.length === 1) {
    const f = fn(args[0], 'func');
    if (xs.length === 0) throw new ExpressionError(NO_ELEMENTS, 'InvalidOperationException');
    return xs.slice(1).reduce((acc, x) => f(acc, x), xs[0]);
  }
  const f = fn(args[1], 'func');
  const acc = xs.reduce((a, x) => f(a, x), args[0]);
  return args.length > 2 ? fn(args[2], 'resultSelector')(acc) : acc;
}

// Set operations ---------------------------------------------------------------------------------------
function distinctBy(xs: Iterable<unknown>, key: (v: unknown) => string, g: Guard): unknown[] {
  const seen = new Set<string>();
  const out: unknown[] = [];
  for (const x of xs) {
    g.step();
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

function keysOf(xs: unknown, comparer: unknown, g: Guard): Set<string> {
  const key = keyFn(comparer);
  return new Set(items(xs, g).map(key));
}

function groupBy(self: unknown, [k, e]: unknown[], g: Guard): Grouping[] {
  const key = fn(k, 'keySelector');
  const elem = e === undefined || e instanceof CsStringComparer ? null : fn(e, 'elementSelector');
  const hk = keyFn(e instanceof CsStringComparer ? e : undefined);
  const groups = new Map<string, Grouping>();
  for (const x of items(self, g)) {
    const kv = key(x);
    const h = hk(kv);
    let group = groups.get(h);
    if (!group) {
      group = new Grouping(kv, []);
      groups.set(h, group);
    }
    group.elements.push(elem ? elem(x) : x);
  }
  return [...groups.values()];
}

function toDictionary(self: unknown, args: unknown[], g: Guard): CsDictionary {
  const key = fn(args[0], 'keySelector');
  const comparer = args.find((a) => a instanceof CsStringComparer) as CsStringComparer | undefined;
  const elem = typeof args[1] === 'function' ? (args[1] as Fn) : null;
  const d = new CsDictionary('dynamic', 'dynamic', comparer ?? null);
  for (const x of items(self, g)) d.add(key(x), elem ? elem(x) : x);
  g.alloc(d.Count);
  return d;
}

function cast(self: unknown, type: string | undefined, g: Guard, filter: boolean): unknown[] {
  const t = type ?? 'object';
  const out: unknown[] = [];
  for (const x of items(self, g)) {
    if (x === null) {
      if (!filter) out.push(x);
      continue;
    }
    const ok = isOfType(x, t);
    if (ok === false) {
      if (filter) continue;
      throw new ExpressionError(`Unable to cast object of type '${runtimeTypeName(x)}' to type '${dotnetTypeName(t)}'.`, 'InvalidCastException');
    }
    out.push(x);
  }
  return out;
}

function take(xs: unknown[], n: unknown): unknown[] {
  const k = Math.max(0, Number(n));
  return xs.slice(0, k);
}

function whileIndex(xs: unknown[], f: unknown): number {
  const p = indexed(f, 'predicate');
  let i = 0;
  while (i < xs.length && truthy(p(xs[i], i))) i++;
  return i;
}

function sequenceEqual(a: unknown, b: unknown, comparer: unknown, g: Guard): boolean {
  const xs = items(a, g);
  const ys = items(b === null ? nullSecond() : b, g);
  if (xs.length !== ys.length) return false;
  const key = comparer instanceof CsStringComparer ? (v: unknown) => comparer.key(v) : null;
  return xs.every((x, i) => (key ? key(x) === key(ys[i]) : csEquals(x, ys[i])));
}

function nullSecond(): never {
  throw nullArgument('second');
}

function contains(self: unknown, [v, comparer]: unknown[], g: Guard): boolean {
  if (comparer instanceof CsStringComparer) return items(self, g).some((x) => comparer.equals(x, v));
  for (const x of seq(self)) {
    g.step();
    if (csEquals(x, v)) return true;
  }
  return false;
}

function second(v: unknown): unknown {
  if (v === null || v === undefined) throw nullArgument('second');
  return v;
}

type LambdaParams = NonNullable<MethodDecl['lambdaParams']>;

/** Lambda parameters as C# infers them: the element type, then int for the index overloads ((x, i) => ...). */
const elementParams: LambdaParams = (r, _i, count) => (count >= 2 ? [elementType(r), 'int'] : [elementType(r)]);

const m = (returns: MethodDecl['returns'], arity: readonly [number, number], f: (self: unknown, args: unknown[], g: Guard, inv: Invocation) => unknown, lambdaParams: LambdaParams = elementParams): MethodDecl => ({
  ...method(returns, arity, (self, args, inv) => {
    if (self === null || self === undefined) throw nullArgument('source');
    return f(self, args, inv.guard, inv);
  }),
  lambdaParams,
});

/** The LINQ operators, keyed by name. */
export const linqMembers: Record<string, MethodDecl> = {
  Where: m(seqOfT, [1, 1], (s, [f], g) => {
    const p = indexed(f, 'predicate');
    return items(s, g).filter((x, i) => truthy(p(x, i)));
  }),
  Select: m(seqOfSelected, [1, 1], (s, [f], g) => {
    const p = indexed(f, 'selector');
    const out = items(s, g).map((x, i) => p(x, i));
    g.alloc(out.length);
    return out;
  }),
  SelectMany: m(seqOfSelected, [1, 2], (s, [f, r], g) => {
    const p = indexed(f, 'selector');
    const result = r === undefined ? null : fn(r, 'resultSelector');
    const out: unknown[] = [];
    items(s, g).forEach((x, i) => {
      for (const y of toArray(p(x, i), g)) out.push(result ? result(x, y) : y);
    });
    g.alloc(out.length);
    return out;
  }, (r, i, c) => (i === 0 ? elementParams(r, i, c, []) : [elementType(r), 'dynamic'])),
  Any: m('bool', [0, 1], (s, [f], g) => {
    const p = f === undefined ? null : fn(f, 'predicate');
    for (const x of seq(s)) {
      g.step();
      if (!p || truthy(p(x))) return true;
    }
    return false;
  }),
  All: m('bool', [1, 1], (s, [f], g) => {
    const p = fn(f, 'predicate');
    for (const x of seq(s)) {
      g.step();
      if (!truthy(p(x))) return false;
    }
    return true;
  }),
  Count: m('int', [0, 1], (s, [f], g) => {
    const p = f === undefined ? null : fn(f, 'predicate');
    return items(s, g).filter((x) => !p || truthy(p(x))).length;
  }),
  LongCount: m('long', [0, 1], (s, [f], g) => {
    const p = f === undefined ? null : fn(f, 'predicate');
    return items(s, g).filter((x) => !p || truthy(p(x))).length;
  }),
  First: m(T, [0, 1], (s, a, g) => first(s, a, g, false)),
  FirstOrDefault: m(T, [0, 2], (s, a, g, inv) => first(s, a, g, true, inv)),
  Last: m(T, [0, 1], (s, a, g) => last(s, a, g, false)),
  LastOrDefault: m(T, [0, 2], (s, a, g, inv) => last(s, a, g, true, inv)),
  Single: m(T, [0, 1], (s, a, g) => single(s, a, g, false)),
  SingleOrDefault: m(T, [0, 2], (s, a, g, inv) => single(s, a, g, true, inv)),
  ElementAt: m(T, [1, 1], (s, [i], g) => {
    const xs = items(s, g);
    if (typeof i !== 'number' || i < 0 || i >= xs.length) throw new ExpressionError(INDEX_OUT_OF_RANGE, 'ArgumentOutOfRangeException');
    return xs[i];
  }),
  ElementAtOrDefault: m(T, [1, 1], (s, [i], g, inv) => {
    const xs = items(s, g);
    return typeof i === 'number' && i >= 0 && i < xs.length ? xs[i] : defaultElement(s, inv);
  }),
  Sum: m(selectedOrT, [0, 1], (s, a, g, inv) => sum(s, a, g, inv)),
  Min: m(selectedOrT, [0, 1], (s, a, g) => extreme(s, a, g, -1)),
  Max: m(selectedOrT, [0, 1], (s, a, g) => extreme(s, a, g, 1)),
  MinBy: m(T, [1, 1], (s, a, g) => extremeBy(s, a, g, -1)),
  MaxBy: m(T, [1, 1], (s, a, g) => extremeBy(s, a, g, 1)),
  Average: m((r, _t, a) => (a.length === 0 && elementType(r) === 'decimal' ? 'decimal' : 'double'), [0, 1], (s, a, g, inv) => average(s, a, g, inv)),
  // Aggregate(func): (T, T); Aggregate(seed, func): (TAccumulate, T); the result selector takes TAccumulate.
  Aggregate: m((r, _t, a) => (a.length === 1 ? elementType(r) : a.length === 2 ? a[0]! : funcResult(a[2])), [1, 3], (s, a, g) => aggregate(s, a, g),
    (r, i, _c, a) => (i === 0 ? [elementType(r), elementType(r)] : i === 1 ? [a[0]!, elementType(r)] : [a[0]!])),
  OrderBy: m(orderedOfT, [1, 2], (s, [f, c], g) => OrderedSequence.by(items(s, g), fn(f, 'keySelector') as (x: unknown) => unknown, false, comparison(c))),
  OrderByDescending: m(orderedOfT, [1, 2], (s, [f, c], g) => OrderedSequence.by(items(s, g), fn(f, 'keySelector') as (x: unknown) => unknown, true, comparison(c))),
  ThenBy: m(orderedOfT, [1, 2], (s, [f, c], g) => thenBy(s, f, c, false, g)),
  ThenByDescending: m(orderedOfT, [1, 2], (s, [f, c], g) => thenBy(s, f, c, true, g)),
  Take: m(seqOfT, [1, 1], (s, [n], g) => take(items(s, g), n)),
  Skip: m(seqOfT, [1, 1], (s, [n], g) => items(s, g).slice(Math.max(0, Number(n)))),
  TakeLast: m(seqOfT, [1, 1], (s, [n], g) => {
    const xs = items(s, g);
    return xs.slice(Math.max(0, xs.length - Math.max(0, Number(n))));
  }),
  SkipLast: m(seqOfT, [1, 1], (s, [n], g) => {
    const xs = items(s, g);
    return xs.slice(0, Math.max(0, xs.length - Math.max(0, Number(n))));
  }),
  TakeWhile: m(seqOfT, [1, 1], (s, [f], g) => {
    const xs = items(s, g);
    return xs.slice(0, whileIndex(xs, f));
  }),
  SkipWhile: m(seqOfT, [1, 1], (s, [f], g) => {
    const xs = items(s, g);
    return xs.slice(whileIndex(xs, f));
  }),
  Distinct: m(seqOfT, [0, 1], (s, [c], g) => distinctBy(seq(s), keyFn(c), g)),
  DistinctBy: m(seqOfT, [1, 1], (s, [f], g) => {
    const k = fn(f, 'keySelector');
    return distinctBy(seq(s), (x) => hashKey(k(x)), g);
  }),
  Union: m(seqOfT, [1, 2], (s, [o, c], g) => distinctBy([...items(s, g), ...items(second(o), g)], keyFn(c), g)),
  Intersect: m(seqOfT, [1, 2], (s, [o, c], g) => {
    const keep = keysOf(second(o), c, g);
    const key = keyFn(c);
    return distinctBy(items(s, g).filter((x) => keep.has(key(x))), key, g);
  }),
  Except: m(seqOfT, [1, 2], (s, [o, c], g) => {
    const drop = keysOf(second(o), c, g);
    const key = keyFn(c);
    return distinctBy(items(s, g).filter((x) => !drop.has(key(x))), key, g);
  }),
  Contains: m('bool', [1, 2], (s, a, g) => contains(s, a, g)),
  SequenceEqual: m('bool', [1, 2], (s, [o, c], g) => sequenceEqual(s, o, c, g)),
  Concat: m(seqOfT, [1, 1], (s, [o], g) => {
    const out = [...items(s, g), ...items(second(o), g)];
    g.alloc(out.length);
    return out;
  }),
  Append: m(seqOfT, [1, 1], (s, [v], g) => [...items(s, g), v]),
  Prepend: m(seqOfT, [1, 1], (s, [v], g) => [v, ...items(s, g)]),
  Reverse: m(seqOfT, [0, 0], (s, _a, g) => [...items(s, g)].reverse()),
  DefaultIfEmpty: m(seqOfT, [0, 1], (s, a, g, inv) => {
    const xs = items(s, g);
    return xs.length > 0 ? xs : [a.length > 0 ? a[0] : defaultElement(s, inv)];
  }),
  Zip: m((_r, _t, a) => `IEnumerable<${funcResult(a[1])}>`, [2, 2], (s, [o, f], g) => {
    const xs = items(s, g);
    const ys = items(second(o), g);
    const r = fn(f, 'resultSelector');
    return xs.slice(0, Math.min(xs.length, ys.length)).map((x, i) => r(x, ys[i]));
  }, (r, _i, _c, a) => [elementType(r), elementType(a[0] ?? 'dynamic')]),
  GroupBy: m((r, _t, a) => `IEnumerable<IGrouping<${funcResult(a[0])},${a[1]?.startsWith('Func<') ? funcResult(a[1]) : elementType(r)}>>`, [1, 2], (s, a, g) => groupBy(s, a, g),
    (r, i, c) => (i === 1 && c === 2 ? ['dynamic', 'dynamic'] : [elementType(r)])),
  ToArray: m((r) => `${elementType(r)}[]`, [0, 0], (s, _a, g) => {
    const out = [...items(s, g)];
    g.alloc(out.length);
    return out;
  }),
  ToList: m((r) => `List<${elementType(r)}>`, [0, 0], (s, _a, g) => {
    const out = [...items(s, g)];
    g.alloc(out.length);
    return new CsList(out, elementTypeOf(s));
  }),
  ToHashSet: m((r) => `HashSet<${elementType(r)}>`, [0, 1], (s, [c], g) => {
    const set = new CsHashSet(elementTypeOf(s), c instanceof CsStringComparer ? c : null);
    for (const x of items(s, g)) set.add(x);
    return set;
  }),
  ToDictionary: m((r, _t, a) => `Dictionary<${funcResult(a[0])},${a.length > 1 && a[1]!.startsWith('Func') ? funcResult(a[1]) : elementType(r)}>`, [1, 3], (s, a, g) => toDictionary(s, a, g)),
  AsEnumerable: m(seqOfT, [0, 0], (s) => s),
  Cast: m(seqOfTypeArg, [0, 0], (s, _a, g, inv) => cast(s, inv.typeArgs[0], g, false)),
  OfType: m(seqOfTypeArg, [0, 0], (s, _a, g, inv) => cast(s, inv.typeArgs[0], g, true)),
};

function thenBy(s: unknown, f: unknown, c: unknown, descending: boolean, g: Guard): OrderedSequence {
  const key = fn(f, 'keySelector') as (x: unknown) => unknown;
  if (s instanceof OrderedSequence) return s.thenBy(key, descending, comparison(c));
  // ThenBy on a sequence that is not ordered does not compile in C#; order by the key alone.
  return OrderedSequence.by(items(s, g), key, descending, comparison(c));
}

function elementTypeOf(s: unknown): string {
  return (s as { elementType?: string }).elementType ?? 'dynamic';
}

function range(start: unknown, count: unknown, g: Guard): number[] {
  if (typeof start !== 'number' || typeof count !== 'number' || count < 0 || start + count - 1 > 2147483647) {
    throw new ExpressionError("Specified argument was out of the range of valid values. (Parameter 'count')", 'ArgumentOutOfRangeException');
  }
  g.alloc(count);
  g.step(count);
  return Array.from({ length: count }, (_, i) => start + i);
}

function repeat(v: unknown, count: unknown, g: Guard): unknown[] {
  if (typeof count !== 'number' || count < 0) {
    throw new ExpressionError("Specified argument was out of the range of valid values. (Parameter 'count')", 'ArgumentOutOfRangeException');
  }
  g.alloc(count);
  g.step(count);
  return Array.from({ length: count }, () => v);
}

// Enumerable.Where(xs, f) and friends: the extension methods called statically.
const staticForms: Record<string, MemberDecl> = Object.fromEntries(
  Object.entries(linqMembers).map(([name, d]) => [
    name,
    method(
      typeof d.returns === 'string' ? d.returns : (_r, t, a) => (d.returns as TypeResolver)(a[0] ?? 'dynamic', t, a.slice(1)),
      [d.arity[0] + 1, d.arity[1] + 1],
      (_s, [self, ...rest], inv) => d.invoke(self, rest, { ...inv, argTypes: inv.argTypes.slice(1) }),
    ),
  ]),
);

export const enumerableDecl: TypeDecl = {
  name: 'IEnumerable',
  aliases: ['System.Collections.Generic.IEnumerable', 'IEnumerator'],
  generic: 1,
  is: isSequence,
  instance: linqMembers,
  cast(value) {
    throw invalidCast(value, 'IEnumerable');
  },
  enumerate: (self) => seq(self),
};

const enumerableStatics: TypeDecl = {
  name: 'Enumerable',
  aliases: ['System.Linq.Enumerable'],
  static: {
    ...staticForms,
    Range: method('IEnumerable<int>', [2, 2], (_s, [start, count], inv) => range(start, count, inv.guard)),
    Repeat: method((_r, _t, a) => `IEnumerable<${a[0] ?? 'dynamic'}>`, [2, 2], (_s, [v, n], inv) => repeat(v, n, inv.guard)),
    Empty: method((_r, t) => `IEnumerable<${t[0] ?? 'dynamic'}>`, [0, 0], () => []),
  },
};

const orderedDecl: TypeDecl = {
  name: 'IOrderedEnumerable',
  aliases: ['System.Linq.IOrderedEnumerable'],
  generic: 1,
  base: 'IEnumerable',
  is: (v) => v instanceof OrderedSequence,
  enumerate: (self) => (self as OrderedSequence).items(),
  toString: (self) => (self as OrderedSequence).toString(),
};

const groupingDecl: TypeDecl = {
  name: 'IGrouping',
  aliases: ['System.Linq.IGrouping'],
  generic: 2,
  base: 'IEnumerable',
  is: (v) => v instanceof Grouping,
  instance: {
    Key: { kind: 'property', type: (r) => r.replace(/^IGrouping<(.*),[^,]*>$/, '$1') || 'dynamic', get: (s) => (s as Grouping).Key },
  },
  enumerate: (self) => (self as Grouping).elements,
  toString: (self) => (self as Grouping).toString(),
};

export const linqTypes: readonly TypeDecl[] = [enumerableDecl, enumerableStatics, orderedDecl, groupingDecl];

export { OrderedSequence, Grouping };
