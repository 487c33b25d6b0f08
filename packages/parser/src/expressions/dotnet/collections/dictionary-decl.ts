// The TypeDecl of Dictionary<K,V> (also what IDictionary/IReadOnlyDictionary dispatch to).
import { toFormUrlEncoded } from './form-content.ts';
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../registry.ts';
import { CsDictionary } from './dictionary.ts';
import { CsList } from './list.ts';
import { csEquals } from './equality.ts';
import { toArray } from './iterate.ts';
import { KeyValuePair } from './key-value-pair.ts';
import { CsStringComparer } from './string-comparer.ts';
import { typeArg } from './generic-args.ts';
import { invalidCast } from './casts.ts';

const dict = (self: unknown): CsDictionary => self as CsDictionary;
const K = (r: string): string => typeArg(0)(r, [], []);
const V = (r: string): string => typeArg(1)(r, [], []);

function setOut(ref: unknown, value: unknown): void {
  if (ref instanceof OutRef) ref.value = value;
}

export const dictionaryMembers: Record<string, MemberDecl> = {
  // The extension on IDictionary<string, IList<string>> the set-body docs use to write form data back (T29).
  ToFormUrlEncodedContent: method('string', [0, 0], (self) => toFormUrlEncoded(dict(self))),
  Count: property('int', (s) => dict(s).Count),
  Keys: property((r) => `ICollection<${K(r)}>`, (s) => new CsList(dict(s).keys(), dict(s).keyType)),
  Values: property((r) => `ICollection<${V(r)}>`, (s) => new CsList(dict(s).values(), dict(s).valueType)),
  Comparer: property('StringComparer', (s) => dict(s).comparer),
  Add: method('void', [2, 2], (s, [k, v], inv) => {
    inv.guard.alloc(1);
    dict(s).add(k, v);
  }),
  TryAdd: method('bool', [2, 2], (s, [k, v], inv) => {
    inv.guard.alloc(1);
    return dict(s).tryAdd(k, v);
  }),
  ContainsKey: method('bool', [1, 1], (s, [k]) => dict(s).has(k)),
  ContainsValue: method('bool', [1, 1], (s, [v], inv) => {
    inv.guard.step(dict(s).Count);
    return dict(s).values().some((x) => csEquals(x, v));
  }),
  TryGetValue: method('bool', [2, 2], (s, [k, out]) => {
    const e = dict(s).find(k);
    setOut(out, e ? e.Value : dict(s).defaultValue());
    return e !== undefined;
  }),
  GetValueOrDefault: method((r) => V(r), [1, 2], (s, args) => {
    const e = dict(s).find(args[0]);
    if (e) return e.Value;
    return args.length > 1 ? args[1] : dict(s).defaultValue();
  }),
  Remove: method('bool', [1, 2], (s, [k, out]) => {
    const e = dict(s).remove(k);
    setOut(out, e ? e.Value : dict(s).defaultValue());
    return e !== undefined;
  }),
  Clear: method('void', [0, 0], (s) => dict(s).clear()),
};

/** A collection-initializer item: `{ "a", 1 }` arrives as a two-element array, or a KeyValuePair. */
export function pairOf(item: unknown): [unknown, unknown] {
  if (item instanceof KeyValuePair) return [item.Key, item.Value];
  if (Array.isArray(item) && item.length === 2) return [item[0], item[1]];
  throw new ExpressionError('A dictionary initializer item needs a key and a value: { key, value }.');
}

function construct(args: unknown[], inv: Invocation): CsDictionary {
  const [k = 'dynamic', v = 'dynamic'] = inv.typeArgs;
  const comparer = args.find((a) => a instanceof CsStringComparer) as CsStringComparer | undefined;
  const d = new CsDictionary(k, v, comparer ?? null);
  const src = args.find((a) => a !== comparer && typeof a !== 'number');
  if (src === null) throw new ExpressionError("Value cannot be null. (Parameter 'dictionary')");
  if (src !== undefined) {
    for (const e of toArray(src, inv.guard, 'dictionary')) {
      const [key, value] = pairOf(e);
      d.add(key, value);
    }
  }
  return d;
}

export const dictionaryDecl: TypeDecl = {
  name: 'Dictionary',
  aliases: ['System.Collections.Generic.Dictionary'],
  generic: 2,
  base: 'IDictionary',
  is: (v) => v instanceof CsDictionary,
  construct: method(
    (_r, t) => `Dictionary<${t[0] ?? 'dynamic'},${t[1] ?? 'dynamic'}>`,
    [0, 2],
    (_s, args, inv) => construct(args, inv),
  ),
  add: (self, item) => {
    const [k, v] = pairOf(item);
    dict(self).add(k, v);
  },
  indexer: {
    type: (r) => V(r),
    get: (self, k) => dict(self).get(k),
    set: (self, k, v) => dict(self).set(k, v),
  },
  instance: dictionaryMembers,
  cast(value) {
    throw invalidCast(value, 'Dictionary<dynamic,dynamic>');
  },
  enumerate: (self) => [...dict(self)],
  toString: (self) => dict(self).toString(),
};
