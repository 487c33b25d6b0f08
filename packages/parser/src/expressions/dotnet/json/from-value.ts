// Turning C# values into tokens: Newtonsoft's CreateFromContent (JProperty/JArray/JObject constructors and
// Add) and JToken.FromObject / JsonConvert.SerializeObject (the serializer's view of objects).
import { CsDecimal } from '../decimal.ts';
import { ExpressionError } from '../registry.ts';
import { memberTypesOf } from './member-types.ts';
import type { TypeName } from '../registry.ts';
import { foreignDeclOf } from '../collections/foreign.ts';
import { CsDictionary } from '../collections/dictionary.ts';
import { KeyValuePair } from '../collections/key-value-pair.ts';
import { displayString } from '../collections/display.ts';
import { isFloatType, isIntegerType } from '../collections/type-names.ts';
import { JArray, JObject, JProperty, JToken, JValue } from './tokens.ts';
import type { ValueKind } from './tokens.ts';

const FOREIGN_KINDS: Readonly<Record<string, ValueKind>> = {
  DateTime: 'Date', DateTimeOffset: 'Date', Guid: 'Guid', TimeSpan: 'TimeSpan', Uri: 'Uri',
};

/** new JValue(x): the token type follows the value (and, for numbers, the argument's static type). */
export function toJValue(v: unknown, staticType?: TypeName): JValue {
  if (v === null || v === undefined) return new JValue('Null', null);
  if (typeof v === 'string') return new JValue('String', v);
  if (typeof v === 'boolean') return new JValue('Boolean', v);
  if (typeof v === 'number') {
    // Without a static type, an integral value is taken as an integer (C# literals and int arithmetic).
    if (staticType && isFloatType(staticType)) return new JValue('Float', v);
    if (staticType && isIntegerType(staticType)) return new JValue('Integer', v);
    return new JValue(Number.isInteger(v) ? 'Integer' : 'Float', v);
  }
  // A long past 2^53 and a decimal become JSON numbers through the nearest double (numbers.ts).
  if (typeof v === 'bigint') return new JValue('Integer', Number(v));
  if (v instanceof CsDecimal) return new JValue('Float', v.valueOf());
  if (v instanceof Uint8Array) return new JValue('Bytes', v);
  const decl = foreignDeclOf(v);
  const kind = decl ? FOREIGN_KINDS[decl.name] : undefined;
  if (kind) return new JValue(kind, v);
  throw new ExpressionError(`Could not determine JSON object type for type ${typeNameOf(v)}.`, 'ArgumentException');
}

function typeNameOf(v: unknown): string {
  const ctor = (v as object).constructor as { dotnetName?: string; name?: string } | undefined;
  return ctor?.dotnetName ?? (ctor?.name || 'System.Object');
}

/** Newtonsoft's IsMultiContent: an enumerable that is not a string, a token or a byte[]. */
export function isMultiContent(v: unknown): v is Iterable<unknown> {
  return typeof v === 'object' && v !== null && !(v instanceof JToken) && !(v instanceof Uint8Array) &&
    !(v instanceof KeyValuePair) && Symbol.iterator in v;
}

/** CreateFromContent: a token as it is, anything else a JValue. */
export function fromContent(v: unknown, staticType?: TypeName): JToken {
  return v instanceof JToken ? v : toJValue(v, staticType);
}

/** JProperty's value: an enumerable becomes a JArray. */
export function propertyContent(v: unknown, staticType?: TypeName): JToken {
  if (isMultiContent(v)) {
    const a = new JArray();
    for (const x of v) a.push(fromContent(x));
    return a;
  }
  return fromContent(v, staticType);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

/** JToken.FromObject: the serializer's view: dictionaries and anonymous objects become objects, enumerables
 *  arrays, tokens are copied, DateTime/Guid/TimeSpan/Uri/byte[] become values. */
export function fromObject(v: unknown, depth = 0): JToken {
  if (depth > 64) throw new ExpressionError('Self referencing loop detected.', 'JsonSerializationException');
  if (v instanceof JToken) return v.clone();
  if (typeof v === 'bigint' || v instanceof CsDecimal) return toJValue(v);
  if (v instanceof CsDictionary) {
    const o = new JObject();
    for (const e of v) o.set(displayString(e.Key), fromObject(e.Value, depth + 1));
    return o;
  }
  if (v instanceof KeyValuePair) {
    const o = new JObject();
    o.set('Key', fromObject(v.Key, depth + 1));
    o.set('Value', fromObject(v.Value, depth + 1));
    return o;
  }
  if (isMultiContent(v)) {
    const a = new JArray();
    for (const x of v) a.push(fromObject(x, depth + 1));
    return a;
  }
  if (isPlainObject(v)) {
    const o = new JObject();
    const types = memberTypesOf(v);
    for (const k of Object.keys(v)) {
      const x = v[k];
      o.set(k, types?.[k] !== undefined && typeof x === 'number' ? toJValue(x, types[k]) : fromObject(x, depth + 1));
    }
    return o;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array) && !foreignDeclOf(v)) {
    return new JValue('String', displayString(v));
  }
  return toJValue(v);
}

/** A JObject's Add(content): properties, or each property of a multi-content argument. */
export function addToObject(o: JObject, content: unknown): void {
  if (isMultiContent(content)) {
    for (const x of content) addToObject(o, x);
    return;
  }
  const t = fromContent(content);
  if (!(t instanceof JProperty)) {
    throw new ExpressionError(`Can not add ${typeNameOf(t)} to Newtonsoft.Json.Linq.JObject.`, 'ArgumentException');
  }
  o.addProperty(t);
}

/** A JArray's Add(content): each item of a multi-content argument, else one token. */
export function addToArray(a: JArray, content: unknown, staticType?: TypeName): void {
  if (isMultiContent(content)) {
    for (const x of content) a.push(fromContent(x));
    return;
  }
  const t = fromContent(content, staticType);
  if (t instanceof JProperty) {
    throw new ExpressionError('Can not add Newtonsoft.Json.Linq.JProperty to Newtonsoft.Json.Linq.JArray.', 'ArgumentException');
  }
  a.push(t);
}
