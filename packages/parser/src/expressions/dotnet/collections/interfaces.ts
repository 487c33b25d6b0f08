// The collection interfaces as type names (IList<T>, IDictionary<K,V>...). Their members dispatch to the
// declaration of the run-time value (List, Dictionary, HashSet, arrays), as a .NET interface call does.
import { ExpressionError, method, property } from '../registry.ts';
import type { MemberDecl, MethodDecl, PropertyDecl, TypeDecl, TypeName, TypeResolver } from '../registry.ts';
import { csEquals } from './equality.ts';
import { INDEX_OUT_OF_RANGE } from './list.ts';
import { invalidCast } from './casts.ts';
import { typeArg } from './generic-args.ts';

function concreteDecl(self: unknown, concrete: readonly TypeDecl[]): TypeDecl | undefined {
  return concrete.find((d) => d.is?.(self));
}

function arrayIndex(a: unknown[], i: unknown): number {
  if (typeof i !== 'number' || i < 0 || i >= a.length) throw new ExpressionError('Index was outside the bounds of the array.');
  return i;
}

// What T[] offers through ICollection<T>/IList<T> (it is fixed-size: Add/Remove throw as in .NET).
const ARRAY_MEMBERS: Record<string, MemberDecl> = {
  Count: property('int', (s) => (s as unknown[]).length),
  Contains: method('bool', [1, 1], (s, [v]) => [...(s as unknown[])].some((x) => csEquals(x, v))),
  IndexOf: method('int', [1, 1], (s, [v]) => [...(s as unknown[])].findIndex((x) => csEquals(x, v))),
  Add: method('void', [1, 1], () => {
    throw new ExpressionError('Collection was of a fixed size.');
  }),
};

function dispatch(name: string, returns: TypeName | TypeResolver, arity: readonly [number, number], concrete: readonly TypeDecl[]): MemberDecl {
  const find = (self: unknown): MemberDecl => {
    const m = concreteDecl(self, concrete)?.instance?.[name] ??
      (Array.isArray(self) || self instanceof Uint8Array ? ARRAY_MEMBERS[name] : undefined);
    if (!m) throw new ExpressionError(`'${name}' is not available on this collection.`);
    return m;
  };
  if (arity[0] < 0) {
    return property(returns as PropertyDecl['type'], (self) => (find(self) as PropertyDecl).get(self));
  }
  return method(returns, arity, (self, args, inv) => (find(self) as MethodDecl).invoke(self, args, inv));
}

type Shape = Record<string, [TypeName | TypeResolver, readonly [number, number]]>;
const PROP: readonly [number, number] = [-1, -1];

const T = typeArg(0);
const K = typeArg(0);
const V = typeArg(1);

const COLLECTION: Shape = {
  Count: ['int', PROP],
  Contains: ['bool', [1, 1]],
  Add: ['void', [1, 1]],
  Remove: ['bool', [1, 1]],
  Clear: ['void', [0, 0]],
};
const LIST: Shape = { ...COLLECTION, IndexOf: ['int', [1, 1]], Insert: ['void', [2, 2]], RemoveAt: ['void', [1, 1]] };
const SET: Shape = { ...COLLECTION, Add: ['bool', [1, 1]], UnionWith: ['void', [1, 1]], IntersectWith: ['void', [1, 1]], ExceptWith: ['void', [1, 1]] };
const DICTIONARY: Shape = {
  Count: ['int', PROP],
  Keys: [(r) => `ICollection<${K(r, [], [])}>`, PROP],
  Values: [(r) => `ICollection<${V(r, [], [])}>`, PROP],
  ContainsKey: ['bool', [1, 1]],
  TryGetValue: ['bool', [2, 2]],
  GetValueOrDefault: [(r) => V(r, [], []), [1, 2]],
  Add: ['void', [2, 2]],
  Remove: ['bool', [1, 2]],
  Clear: ['void', [0, 0]],
  ToFormUrlEncodedContent: ['string', [0, 0]],
};

function members(shape: Shape, concrete: readonly TypeDecl[]): Record<string, MemberDecl> {
  return Object.fromEntries(Object.entries(shape).map(([n, [r, a]]) => [n, dispatch(n, r, a, concrete)]));
}

function interfaceDecl(name: string, generic: number, shape: Shape, concrete: readonly TypeDecl[], indexed: boolean): TypeDecl {
  const is = (v: unknown): boolean => concreteDecl(v, concrete) !== undefined || (name !== 'IDictionary' && name !== 'IReadOnlyDictionary' && name !== 'ISet' && Array.isArray(v));
  const decl: TypeDecl = {
    name,
    aliases: [`System.Collections.Generic.${name}`],
    generic,
    base: 'IEnumerable',
    is,
    instance: members(shape, concrete),
    cast(value) {
      throw invalidCast(value, name);
    },
    enumerate: (self) => {
      const d = concreteDecl(self, concrete);
      return d?.enumerate ? d.enumerate(self) : (self as Iterable<unknown>);
    },
  };
  if (!indexed) return decl;
  return {
    ...decl,
    indexer: {
      type: (r) => (generic === 2 ? V(r, [], []) : T(r, [], [])),
      get: (self, i) => {
        if (Array.isArray(self)) return self[arrayIndex(self, i)];
        const ix = concreteDecl(self, concrete)?.indexer;
        if (!ix) throw new ExpressionError(INDEX_OUT_OF_RANGE);
        return ix.get(self, i);
      },
      set: (self, i, v) => {
        if (Array.isArray(self)) {
          self[arrayIndex(self, i)] = v;
          return;
        }
        concreteDecl(self, concrete)?.indexer?.set?.(self, i, v);
      },
    },
  };
}

/** The interface declarations, given the concrete collection declarations they dispatch to. */
export function interfaceDecls(concrete: readonly TypeDecl[]): TypeDecl[] {
  return [
    interfaceDecl('ICollection', 1, COLLECTION, concrete, false),
    interfaceDecl('IReadOnlyCollection', 1, { Count: COLLECTION.Count! }, concrete, false),
    interfaceDecl('IList', 1, LIST, concrete, true),
    interfaceDecl('IReadOnlyList', 1, { Count: COLLECTION.Count! }, concrete, true),
    interfaceDecl('ISet', 1, SET, concrete, false),
    interfaceDecl('IDictionary', 2, DICTIONARY, concrete, true),
    interfaceDecl('IReadOnlyDictionary', 2, DICTIONARY, concrete, true),
  ];
}
