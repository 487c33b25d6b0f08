// TypeDecls of JToken, JContainer, JObject, JArray, JProperty, JValue (member lookup goes JObject →
// JContainer → JToken → IEnumerable, so LINQ applies to every token).
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../registry.ts';
import { JArray, JContainer, JObject, JProperty, JToken, JValue, deepEquals } from './tokens.ts';
import { JTokenType } from './enum-value.ts';
import { addToArray, addToObject, fromContent, fromObject, propertyContent, toJValue } from './from-value.ts';
import { JTOKEN_TYPES, explicitConvert, toObject, valueAs } from './convert.ts';
import { parseJson } from './parse.ts';
import { selectToken, selectTokens } from './select-token.ts';
import {
  addBesideSelf, descendants, indexGet, indexSet, merge, removeSelf, replaceSelf, siblings, tokenToString,
} from './token-ops.ts';
import { KeyValuePair } from '../collections/key-value-pair.ts';
import { ignoresCase } from '../enums.ts';
import { invalidCast } from '../collections/casts.ts';
import { INDEX_OUT_OF_RANGE } from '../collections/list.ts';
import { csEquals } from '../collections/equality.ts';
import { guardedIteration } from '../collections/list-decl.ts';
import { splitGeneric } from '../collections/type-names.ts';

const tok = (s: unknown): JToken => s as JToken;
const typeArg0 = (_r: string, t: readonly string[]): string => t[0] ?? 'dynamic';
const MANY: readonly [number, number] = [0, 255];

function str(v: unknown, param: string): string {
  if (v === null || v === undefined) throw new ExpressionError(`Value cannot be null. (Parameter '${param}')`, 'ArgumentNullException');
  return String(v);
}

function notOnValue(self: JToken): never {
  throw new ExpressionError(`Cannot access child value on ${(self.constructor as unknown as { dotnetName: string }).dotnetName}.`, 'InvalidOperationException');
}

const TOKEN_CLASSES: Readonly<Record<string, abstract new (...a: never[]) => JToken>> = {
  JToken, JContainer, JObject, JArray, JProperty, JValue,
};

function isTokenOf(t: JToken, type: string): boolean {
  const c = TOKEN_CLASSES[type];
  return c !== undefined && t instanceof c;
}

/** `(T)token` where T is another token type, or a value type via the explicit operators. */
function convertTo(self: JToken, target: string): unknown {
  const base = splitGeneric(target).name;
  if (JTOKEN_TYPES.has(base)) {
    const ok = base === 'JToken' || (base === 'JContainer' ? self instanceof JContainer : self.type === base.slice(1));
    if (!ok) throw invalidCast(self, `Newtonsoft.Json.Linq.${base}`);
    return self;
  }
  return explicitConvert(self, target);
}

/** Implicit conversions into JToken/JValue from string, numbers, bool, null, DateTime... */
function castToToken(value: unknown, target: string): JToken | null {
  if (value === null) return null;
  if (value instanceof JToken) throw invalidCast(value, `Newtonsoft.Json.Linq.${target}`);
  if (typeof value === 'object' && !(value instanceof Uint8Array)) {
    try {
      return toJValue(value);
    } catch {
      throw invalidCast(value, `Newtonsoft.Json.Linq.${target}`);
    }
  }
  return toJValue(value);
}

/** JToken's implicit operators from numbers: `o["n"] = 1.0` is a Float JValue, `= 1` an Integer one. */
function implicitFrom(value: unknown, from: string): unknown {
  return typeof value === 'number' ? toJValue(value, from) : value;
}

const parseStatic = (target: 'JToken' | 'JObject' | 'JArray'): MemberDecl =>
  method(target, [1, 2], (_s, [json], inv) => parseJson(json, target, inv.guard));

const fromObjectStatic: MemberDecl = method('JToken', [1, 2], (_s, [o], inv) => {
  inv.guard.step();
  return fromObject(o);
});

const tokenMembers: Record<string, MemberDecl> = {
  Type: property('JTokenType', (s) => JTokenType[tok(s).type]),
  HasValues: property('bool', (s) => tok(s).children().length > 0),
  Parent: property('JContainer', (s) => tok(s).parent),
  Root: property('JToken', (s) => tok(s).root),
  Path: property('string', (s) => tok(s).path),
  First: property('JToken', (s) => (s instanceof JContainer ? s.first : notOnValue(tok(s)))),
  Last: property('JToken', (s) => (s instanceof JContainer ? s.last : notOnValue(tok(s)))),
  Next: property('JToken', (s) => {
    const sib = siblings(tok(s));
    return sib[sib.indexOf(tok(s)) + 1] ?? null;
  }),
  Previous: property('JToken', (s) => {
    const sib = siblings(tok(s));
    const i = sib.indexOf(tok(s));
    return i > 0 ? sib[i - 1]! : null;
  }),
  // Children<T>() keeps the children that are T (OfType).
  Children: method((_r, t) => `IEnumerable<${t[0] ?? 'JToken'}>`, [0, 0], (s, _a, inv) => {
    const t = inv.typeArgs[0];
    const all = tok(s).children();
    return t === undefined || t === 'JToken' ? [...all] : all.filter((c) => isTokenOf(c, t));
  }),
  // Values<U>() is JToken's own; Values<U>(key) is the Extensions method over the token's children:
  // each child's [key], missing ones skipped.
  Values: method((_r, t) => `IEnumerable<${t[0] ?? 'JToken'}>`, [0, 1], (s, args, inv) => {
    const as = (v: JToken): unknown => (inv.typeArgs[0] ? valueAs(v, inv.typeArgs[0]) : v);
    if (args.length === 1 && args[0] !== null) {
      const out: unknown[] = [];
      for (const c of tok(s).children()) {
        inv.guard.step();
        const v = indexGet(c, args[0]);
        if (v !== null) out.push(as(v));
      }
      return out;
    }
    return tok(s).children().map((c) => as(c instanceof JProperty ? c.value : c));
  }),
  Value: method(typeArg0, [0, 1], (s, args, inv) => {
    const t = inv.typeArgs[0] ?? 'JToken';
    if (args.length === 0) return valueAs(tok(s), t);
    return valueAs(indexGet(tok(s), args[0]), t);
  }),
  ToObject: method(typeArg0, [0, 0], (s, _a, inv) => {
    inv.guard.step();
    return toObject(tok(s), inv.typeArgs[0] ?? 'object');
  }),
  ToString: method('string', [0, 2], (s, [f], inv) => {
    inv.guard.step();
    return tokenToString(tok(s), f);
  }),
  SelectToken: method('JToken', [1, 2], (s, [path, err], inv) => {
    inv.guard.step();
    return selectToken(tok(s), str(path, 'path'), err === true);
  }),
  SelectTokens: method('IEnumerable<JToken>', [1, 2], (s, [path], inv) => {
    inv.guard.step();
    return selectTokens(tok(s), str(path, 'path'));
  }),
  DeepClone: method((r) => r, [0, 0], (s, _a, inv) => {
    inv.guard.step();
    return tok(s).clone();
  }),
  Remove: method('bool', [0, 1], (s, args) => {
    const self = tok(s);
    if (args.length === 0) {
      removeSelf(self);
      return undefined;
    }
    if (self instanceof JObject) return self.remove(str(args[0], 'propertyName'));
    if (self instanceof JArray) {
      const i = self.items.indexOf(args[0] as JToken);
      if (i < 0) return false;
      self.removeAt(i);
      return true;
    }
    throw new ExpressionError(`Cannot add or remove items from ${(self.constructor as unknown as { dotnetName: string }).dotnetName}.`, 'InvalidOperationException');
  }),
  Replace: method('void', [1, 1], (s, [v]) => replaceSelf(tok(s), v)),
  AddAfterSelf: method('void', [1, 1], (s, [v]) => addBesideSelf(tok(s), v, true)),
  AddBeforeSelf: method('void', [1, 1], (s, [v]) => addBesideSelf(tok(s), v, false)),
  Ancestors: method('IEnumerable<JToken>', [0, 0], (s) => {
    const out: JToken[] = [];
    for (let p = tok(s).parent; p; p = p.parent) out.push(p);
    return out;
  }),
  AfterSelf: method('IEnumerable<JToken>', [0, 0], (s) => {
    const sib = siblings(tok(s));
    return sib.slice(sib.indexOf(tok(s)) + 1);
  }),
  BeforeSelf: method('IEnumerable<JToken>', [0, 0], (s) => {
    const sib = siblings(tok(s));
    return sib.slice(0, Math.max(0, sib.indexOf(tok(s))));
  }),
  Equals: method('bool', [1, 1], (s, [o]) => csEquals(s, o)),
};

const containerMembers: Record<string, MemberDecl> = {
  Count: property('int', (s) => tok(s).children().length),
  Add: method('void', [1, 2], (s, args, inv) => {
    inv.guard.alloc(1);
    if (s instanceof JObject) {
      if (args.length === 2) s.addProperty(new JProperty(str(args[0], 'propertyName'), fromContent(args[1], inv.argTypes[1])));
      else addToObject(s, args[0]);
    } else if (s instanceof JArray) addToArray(s, args[0], inv.argTypes[0]);
    else throw new ExpressionError('Cannot add or remove items from Newtonsoft.Json.Linq.JProperty.', 'InvalidOperationException');
  }),
  AddFirst: method('void', [1, 1], (s, [v], inv) => {
    if (s instanceof JArray) s.insert(0, fromContent(v, inv.argTypes[0]));
    else if (s instanceof JObject) {
      const props = [...s.properties()];
      s.clear();
      addToObject(s, v);
      for (const p of props) s.addProperty(p);
    }
  }),
  RemoveAll: method('void', [0, 0], (s) => {
    if (s instanceof JObject) s.clear();
    else if (s instanceof JArray) while (s.items.length) s.removeAt(0);
  }),
  Descendants: method('IEnumerable<JToken>', [0, 0], (s, _a, inv) => {
    const d = descendants(tok(s));
    inv.guard.step(d.length);
    return d;
  }),
  Merge: method('void', [1, 2], (s, [v], inv) => {
    inv.guard.step();
    merge(s as JContainer, v);
  }),
};

function newObject(args: unknown[], inv: Invocation): JObject {
  if (args.length === 1 && args[0] instanceof JObject) return args[0].clone();
  const o = new JObject();
  for (const a of args) {
    inv.guard.step();
    addToObject(o, a);
  }
  return o;
}

function newArray(args: unknown[], inv: Invocation): JArray {
  if (args.length === 1 && args[0] instanceof JArray) return args[0].clone();
  const a = new JArray();
  args.forEach((x, i) => {
    inv.guard.step();
    addToArray(a, x, inv.argTypes[i]);
  });
  return a;
}

function newProperty(args: unknown[], inv: Invocation): JProperty {
  if (args.length === 1 && args[0] instanceof JProperty) return args[0].clone();
  const name = str(args[0], 'name');
  if (args.length === 1) return new JProperty(name, new JArray());
  if (args.length === 2) return new JProperty(name, propertyContent(args[1], inv.argTypes[1]));
  return new JProperty(name, propertyContent(args.slice(1)));
}

function initializerAdd(self: unknown, item: unknown): void {
  if (self instanceof JObject) {
    if (Array.isArray(item) && item.length === 2 && typeof item[0] === 'string') {
      self.addProperty(new JProperty(item[0], fromContent(item[1])));
    } else if (item instanceof KeyValuePair) self.addProperty(new JProperty(String(item.Key), fromContent(item.Value)));
    else addToObject(self, item);
  } else if (self instanceof JArray) addToArray(self, item);
}

const indexer = {
  type: 'JToken',
  get: (self: unknown, key: unknown) => indexGet(tok(self), key),
  set: (self: unknown, key: unknown, value: unknown) => indexSet(tok(self), key, value),
};

const common = {
  cast(this: void, value: unknown): unknown {
    throw invalidCast(value, 'Newtonsoft.Json.Linq.JToken');
  },
  convertTo: (self: unknown, target: string) => convertTo(tok(self), target),
  toString: (self: unknown) => tokenToString(tok(self)),
  indexer,
};

export const jTokenDecl: TypeDecl = {
  ...common,
  name: 'JToken',
  aliases: ['Newtonsoft.Json.Linq.JToken'],
  base: 'IEnumerable',
  is: (v) => v instanceof JToken,
  cast: (v) => castToToken(v, 'JToken'),
  implicitFrom,
  instance: tokenMembers,
  static: {
    Parse: parseStatic('JToken'),
    FromObject: fromObjectStatic,
    DeepEquals: method('bool', [2, 2], (_s, [a, b]) => deepEquals(a as JToken | null, b as JToken | null)),
  },
  enumerate: (self) => tok(self).children(),
  elementType: () => 'JToken',
};

export const jContainerDecl: TypeDecl = {
  ...common,
  name: 'JContainer',
  aliases: ['Newtonsoft.Json.Linq.JContainer'],
  base: 'JToken',
  is: (v) => v instanceof JContainer,
  cast: (v) => {
    throw invalidCast(v, 'Newtonsoft.Json.Linq.JContainer');
  },
  instance: containerMembers,
  enumerate: (self) => tok(self).children(),
  elementType: () => 'JToken',
};

export const jObjectDecl: TypeDecl = {
  ...common,
  name: 'JObject',
  aliases: ['Newtonsoft.Json.Linq.JObject'],
  base: 'JContainer',
  is: (v) => v instanceof JObject,
  cast: (v) => {
    throw invalidCast(v, 'Newtonsoft.Json.Linq.JObject');
  },
  construct: method('JObject', MANY, (_s, args, inv) => newObject(args, inv)),
  add: initializerAdd,
  instance: {
    Property: method('JProperty', [1, 2], (s, [n, cmp]) => findProperty(s as JObject, str(n, 'name'), cmp)),
    Properties: method('IEnumerable<JProperty>', [0, 0], (s) => [...(s as JObject).properties()]),
    PropertyValues: method('IEnumerable<JToken>', [0, 0], (s) => (s as JObject).properties().map((p) => p.value)),
    GetValue: method('JToken', [1, 2], (s, [n, cmp]) => findProperty(s as JObject, str(n, 'propertyName'), cmp)?.value ?? null),
    TryGetValue: method('bool', [2, 3], (s, args) => {
      const out = args[args.length - 1];
      const v = findProperty(s as JObject, str(args[0], 'propertyName'), args.length === 3 ? args[1] : undefined)?.value ?? null;
      if (out instanceof OutRef) out.value = v;
      return v !== null;
    }),
    ContainsKey: method('bool', [1, 1], (s, [n]) => (s as JObject).property(str(n, 'propertyName')) !== null),
  },
  static: {
    Parse: parseStatic('JObject'),
    FromObject: method('JObject', [1, 2], (_s, [o]) => {
      const t = fromObject(o);
      if (!(t instanceof JObject)) {
        throw new ExpressionError(`Object serialized to ${t.type}. JObject instance expected.`, 'ArgumentException');
      }
      return t;
    }),
  },
  // foreach over a JObject yields KeyValuePair<string, JToken> (its public GetEnumerator); LINQ sees JProperty.
  enumerate: (self) => keyValues(self as JObject),
  elementType: () => 'KeyValuePair<string,JToken>',
};

/** foreach over a JObject: its properties as pairs, live, so that adding or removing one while the loop
 *  runs is the InvalidOperationException .NET's list enumerator throws. */
function* keyValues(o: JObject): Iterable<KeyValuePair> {
  for (const p of guardedIteration(o.properties()) as Iterable<JProperty>) yield new KeyValuePair(p.name, p.value);
}

function findProperty(o: JObject, name: string, comparison: unknown): JProperty | null {
  const exact = o.property(name);
  if (exact || comparison === undefined || !ignoresCase(comparison)) return exact;
  const upper = name.toUpperCase();
  return o.properties().find((p) => p.name.toUpperCase() === upper) ?? null;
}

export const jArrayDecl: TypeDecl = {
  ...common,
  name: 'JArray',
  aliases: ['Newtonsoft.Json.Linq.JArray'],
  base: 'JContainer',
  is: (v) => v instanceof JArray,
  cast: (v) => {
    throw invalidCast(v, 'Newtonsoft.Json.Linq.JArray');
  },
  construct: method('JArray', MANY, (_s, args, inv) => newArray(args, inv)),
  add: initializerAdd,
  instance: {
    Insert: method('void', [2, 2], (s, [i, v], inv) => {
      const a = s as JArray;
      if (typeof i !== 'number' || i < 0 || i > a.items.length) {
        throw new ExpressionError("Index must be within the bounds of the List. (Parameter 'index')", 'ArgumentOutOfRangeException');
      }
      a.insert(i, fromContent(v, inv.argTypes[1]));
    }),
    RemoveAt: method('void', [1, 1], (s, [i]) => {
      const a = s as JArray;
      if (typeof i !== 'number' || i < 0 || i >= a.items.length) throw new ExpressionError(INDEX_OUT_OF_RANGE, 'ArgumentOutOfRangeException');
      a.removeAt(i);
    }),
    IndexOf: method('int', [1, 1], (s, [v]) => (s as JArray).items.indexOf(v as JToken)),
    Contains: method('bool', [1, 1], (s, [v]) => (s as JArray).items.includes(v as JToken)),
    Clear: method('void', [0, 0], (s) => {
      const a = s as JArray;
      while (a.items.length) a.removeAt(0);
    }),
  },
  static: {
    Parse: parseStatic('JArray'),
    FromObject: method('JArray', [1, 2], (_s, [o]) => {
      const t = fromObject(o);
      if (!(t instanceof JArray)) {
        throw new ExpressionError(`Object serialized to ${t.type}. JArray instance expected.`, 'ArgumentException');
      }
      return t;
    }),
  },
  enumerate: (self) => guardedIteration((self as JArray).items),
  elementType: () => 'JToken',
};

export const jPropertyDecl: TypeDecl = {
  ...common,
  name: 'JProperty',
  aliases: ['Newtonsoft.Json.Linq.JProperty'],
  base: 'JContainer',
  is: (v) => v instanceof JProperty,
  cast: (v) => {
    throw invalidCast(v, 'Newtonsoft.Json.Linq.JProperty');
  },
  construct: method('JProperty', [1, 255], (_s, args, inv) => newProperty(args, inv)),
  instance: {
    Name: property('string', (s) => (s as JProperty).name),
    Value: property('JToken', (s) => (s as JProperty).value, (s, v) => {
      (s as JProperty).value = fromContent(v);
    }),
  },
  enumerate: (self) => (self as JProperty).children(),
  elementType: () => 'JToken',
};

export const jValueDecl: TypeDecl = {
  ...common,
  name: 'JValue',
  aliases: ['Newtonsoft.Json.Linq.JValue'],
  base: 'JToken',
  is: (v) => v instanceof JValue,
  cast: (v) => castToToken(v, 'JValue'),
  implicitFrom,
  construct: method('JValue', [1, 1], (_s, [v], inv) => (v instanceof JValue ? v.clone() : toJValue(v, inv.argTypes[0]))),
  instance: {
    Value: property('object', (s) => (s as JValue).value, (s, v) => {
      const next = toJValue(v);
      (s as JValue).kind = next.kind;
      (s as JValue).value = next.value;
    }),
    CompareTo: method('int', [1, 1], (s, [o]) => (s as JValue).csCompare(o)),
  },
  static: {
    CreateNull: method('JValue', [0, 0], () => new JValue('Null', null)),
    CreateUndefined: method('JValue', [0, 0], () => new JValue('Undefined', null)),
    CreateString: method('JValue', [1, 1], (_s, [v]) => (v === null ? new JValue('Null', null) : new JValue('String', String(v)))),
    CreateComment: method('JValue', [1, 1], (_s, [v]) => new JValue('Comment', v === null ? null : String(v))),
  },
  compare: (a, b) => (a as JValue).csCompare(b),
  enumerate: () => [],
  elementType: () => 'JToken',
};
