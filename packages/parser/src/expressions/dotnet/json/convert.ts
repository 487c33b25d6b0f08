// Tokens to C# values: the explicit conversion operators ((string)token, (int)token...), Value<T> and
// ToObject<T>, with Newtonsoft's messages.
import { ExpressionError } from '../registry.ts';
import type { TypeName } from '../registry.ts';
import { foreignDeclNamed } from '../collections/foreign.ts';
import { displayString } from '../collections/display.ts';
import { CsList } from '../collections/list.ts';
import { CsDictionary } from '../collections/dictionary.ts';
import { defaultOf, primitiveName, splitGeneric } from '../collections/type-names.ts';
import { JArray, JObject, JProperty, JToken, JValue } from './tokens.ts';
import { formatDouble } from './number-format.ts';

const CLR: Readonly<Record<string, string>> = {
  int: 'Int32', long: 'Int64', short: 'Int16', byte: 'Byte', sbyte: 'SByte', uint: 'UInt32', ulong: 'UInt64',
  ushort: 'UInt16', double: 'Double', float: 'Single', decimal: 'Decimal', bool: 'Boolean', string: 'String',
  char: 'Char', DateTime: 'DateTime', DateTimeOffset: 'DateTimeOffset', Guid: 'Guid', TimeSpan: 'TimeSpan', Uri: 'Uri',
};

const RANGES: Readonly<Record<string, [number, number]>> = {
  int: [-2147483648, 2147483647], long: [-9223372036854775808, 9223372036854775807], short: [-32768, 32767],
  byte: [0, 255], sbyte: [-128, 127], uint: [0, 4294967295], ulong: [0, 18446744073709551615], ushort: [0, 65535],
};

export const JTOKEN_TYPES = new Set(['JToken', 'JObject', 'JArray', 'JValue', 'JProperty', 'JContainer']);

function fail(message: string, type: string): never {
  throw new ExpressionError(message, type);
}

/** Math.Round-to-even, as Convert.ToInt32(double) rounds. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function toInteger(v: number, t: string): number {
  const n = Number.isInteger(v) ? v : roundHalfEven(v);
  const [lo, hi] = RANGES[t]!;
  if (!Number.isFinite(n) || n < lo || n > hi) fail(`Value was either too large or too small for ${/^[aeiou]/i.test(CLR[t]!) ? 'an' : 'a'} ${CLR[t]}.`, 'OverflowException');
  return n;
}

function parseNumber(s: string, t: string): number {
  const text = s.trim();
  const integral = t in RANGES;
  const ok = integral ? /^[+-]?\d+$/.test(text) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text);
  if (!ok) fail(`The input string '${s}' was not in a correct format.`, 'FormatException');
  const n = Number(text);
  return integral ? toInteger(n, t) : n;
}

function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  const s = String(v).trim();
  if (/^true$/i.test(s)) return true;
  if (/^false$/i.test(s)) return false;
  return fail(`String '${String(v)}' was not recognized as a valid Boolean.`, 'FormatException');
}

/** Convert.ToString of a raw token value with the invariant culture. */
export function rawToString(kind: string, v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return kind === 'Float' ? formatDouble(v) : String(v);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return displayString(v);
}

/** Parses a string into another module's type (DateTime.Parse, Guid.Parse, TimeSpan.Parse). */
function parseForeign(t: string, s: string): unknown {
  const decl = foreignDeclNamed(t);
  const parse = decl?.static?.['Parse'];
  if (!parse || parse.kind !== 'method') fail(`Can not convert String to ${CLR[t] ?? t}.`, 'ArgumentException');
  return parse.invoke(undefined, [s], { typeArgs: [], argTypes: ['string'], named: {}, guard: { step() {}, alloc() {} } });
}

/** Convert.ChangeType of a raw JValue value to T (what Value<T> does after its null checks). */
function changeType(kind: string, v: unknown, target: string): unknown {
  const t = primitiveName(target);
  if (v === null || v === undefined) {
    if (t.endsWith('?') || defaultOf(t) === null) return null;
    return fail('Null object cannot be converted to a value type.', 'InvalidCastException');
  }
  const base = t.replace(/\?$/, '');
  if (base === 'object' || base === 'dynamic') return v;
  if (base === 'string') return rawToString(kind, v);
  if (base === 'bool') return toBool(v);
  if (base === 'char') {
    if (typeof v === 'string' && v.length === 1) return v;
    return fail(`String must be exactly one character long.`, 'FormatException');
  }
  if (base in RANGES || base === 'double' || base === 'float' || base === 'decimal') {
    if (typeof v === 'number') return base in RANGES ? toInteger(v, base) : v;
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string') return parseNumber(v, base);
    return fail(`Invalid cast from '${kind}' to '${CLR[base]}'.`, 'InvalidCastException');
  }
  if (typeof v === 'string') return parseForeign(base, v);
  const decl = foreignDeclNamed(base);
  if (decl?.is?.(v)) return v;
  return fail(`Invalid cast from '${kind}' to '${base}'.`, 'InvalidCastException');
}

const NUMBER_KINDS = new Set(['Integer', 'Float', 'String', 'Comment', 'Boolean']);
const BOOLEAN_KINDS = new Set(['Integer', 'Float', 'String', 'Comment', 'Raw', 'Boolean']);
const STRING_KINDS = new Set(['String', 'Comment', 'Raw', 'Integer', 'Float', 'Boolean', 'Date', 'Bytes', 'Guid', 'TimeSpan', 'Uri', 'Null', 'Undefined']);

/** The explicit operators of JToken: `(string)t`, `(int)t`, `(bool?)t`, `(DateTime)t`... */
export function explicitConvert(token: JToken | null, target: TypeName): unknown {
  const t = primitiveName(target);
  const nullable = t.endsWith('?');
  const base = t.replace(/\?$/, '');
  if (JTOKEN_TYPES.has(base) || base === 'object' || base === 'dynamic') return token;
  if (token === null) {
    if (base === 'string' || nullable) return null;
    return fail("Value cannot be null. (Parameter 'value')", 'ArgumentNullException');
  }
  const v = token instanceof JProperty ? token.value : token;
  const name = CLR[base] ?? base;
  if (!(v instanceof JValue)) return fail(`Can not convert ${v.type} to ${name}.`, 'ArgumentException');
  const allowed = base === 'string' ? STRING_KINDS : base === 'bool' ? BOOLEAN_KINDS : base in RANGES || base === 'double' || base === 'float' || base === 'decimal' ? NUMBER_KINDS : null;
  if (v.value === null && (base === 'string' || nullable)) return null;
  if (allowed && !allowed.has(v.kind)) return fail(`Can not convert ${v.kind} to ${name}.`, 'ArgumentException');
  if (base === 'string' && typeof v.value === 'object' && v.kind !== 'Bytes') return displayString(v.value);
  return changeType(v.kind, v.value, base);
}

/** Newtonsoft's Extensions.Convert<JToken,U>, behind Value<T>(key) and Value<T>(). */
export function valueAs(token: JToken | null, target: TypeName): unknown {
  const t = primitiveName(target);
  if (token === null) return defaultOf(t);
  const { name } = splitGeneric(t);
  if (JTOKEN_TYPES.has(name)) {
    if (name === 'JToken' || token.type === name.slice(1) || (name === 'JContainer' && !(token instanceof JValue))) return token;
  }
  if (t === 'object' || t === 'dynamic') return token instanceof JValue ? token.value : token;
  if (!(token instanceof JValue)) {
    return fail(`Cannot cast ${(token.constructor as { dotnetName?: string }).dotnetName} to Newtonsoft.Json.Linq.JToken.`, 'InvalidCastException');
  }
  return changeType(token.kind, token.value, t);
}

/** ToObject<T>(): tokens copy, primitives use the explicit operators, arrays/lists/dictionaries convert
 *  element by element. */
export function toObject(token: JToken, target: TypeName): unknown {
  const t = primitiveName(target);
  const { name, args } = splitGeneric(t);
  if (JTOKEN_TYPES.has(name)) {
    if (name === 'JObject' && !(token instanceof JObject)) {
      return fail(`Error reading JObject from JsonReader. Current JsonReader item is not an object: ${startName(token)}. Path '${token.path}'.`, 'JsonReaderException');
    }
    if (name === 'JArray' && !(token instanceof JArray)) {
      return fail(`Error reading JArray from JsonReader. Current JsonReader item is not an array: ${startName(token)}. Path '${token.path}'.`, 'JsonReaderException');
    }
    return token.clone();
  }
  if (t.endsWith('[]') || ['List', 'IList', 'IEnumerable', 'ICollection', 'IReadOnlyList', 'IReadOnlyCollection'].includes(name)) {
    const elem = t.endsWith('[]') ? t.slice(0, -2) : args[0] ?? 'object';
    if (token instanceof JValue && token.value === null) return null;
    if (!(token instanceof JArray)) return fail(`Cannot deserialize the current JSON object into type '${target}' because the type requires a JSON array (e.g. [1,2,3]) to deserialize correctly.`, 'JsonSerializationException');
    const items = token.items.map((x) => toObject(x, elem));
    return name === 'List' || name === 'IList' ? new CsList(items, elem) : items;
  }
  if (/Dictionary$/.test(name)) {
    if (token instanceof JValue && token.value === null) return null;
    if (!(token instanceof JObject)) return fail(`Cannot deserialize the current JSON array into type '${target}' because the type requires a JSON object (e.g. {"name":"value"}) to deserialize correctly.`, 'JsonSerializationException');
    const d = new CsDictionary(args[0] ?? 'string', args[1] ?? 'object');
    for (const p of token.properties()) d.add(p.name, toObject(p.value, args[1] ?? 'object'));
    return d;
  }
  if (t === 'object' || t === 'dynamic') return token instanceof JValue ? token.value : token.clone();
  return explicitConvert(token, t);
}

function startName(t: JToken): string {
  return t instanceof JObject ? 'StartObject' : t instanceof JArray ? 'StartArray' : t.type;
}
