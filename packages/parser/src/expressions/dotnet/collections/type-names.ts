// Reading C# type names as the compiler tracks them ('Dictionary<string,object>', 'string[]', 'int?').
import type { TypeName } from '../registry.ts';

/** Splits 'Dictionary<string, List<int>>' into { name: 'Dictionary', args: ['string', 'List<int>'] }. */
export function splitGeneric(type: TypeName): { name: string; args: string[] } {
  const t = type.trim();
  const lt = t.indexOf('<');
  if (lt < 0 || !t.endsWith('>')) return { name: t, args: [] };
  const args: string[] = [];
  let depth = 0;
  let start = lt + 1;
  for (let i = lt + 1; i < t.length - 1; i++) {
    const c = t[i];
    if (c === '<') depth++;
    else if (c === '>') depth--;
    else if (c === ',' && depth === 0) {
      args.push(t.slice(start, i).trim());
      start = i + 1;
    }
  }
  args.push(t.slice(start, t.length - 1).trim());
  return { name: t.slice(0, lt).trim(), args };
}

// Sequences whose element type is fixed by the type itself (Newtonsoft's containers enumerate JTokens).
const FIXED_ELEMENT: Readonly<Record<string, TypeName>> = {
  JArray: 'JToken',
  JToken: 'JToken',
  JContainer: 'JToken',
  JObject: 'JProperty',
  JProperty: 'JToken',
  JEnumerable: 'JToken',
  string: 'char',
  String: 'char',
};

/** The element type T of a sequence type: 'string[]' → 'string', 'List<int>' → 'int',
 *  'Dictionary<K,V>' → 'KeyValuePair<K,V>', 'JArray' → 'JToken'. 'dynamic' when not known. */
export function elementType(type: TypeName): TypeName {
  const t = type.trim();
  if (t.endsWith('[]')) return t.slice(0, -2);
  const fixed = FIXED_ELEMENT[t];
  if (fixed) return fixed;
  const { name, args } = splitGeneric(t);
  if (args.length === 2 && /Dictionary$/.test(name)) return `KeyValuePair<${args[0]},${args[1]}>`;
  if (args.length === 1) return args[0]!;
  return 'dynamic';
}

/** Normalises a C# primitive type name: 'Int32' and 'System.Int32' → 'int', 'String' → 'string'. */
export function primitiveName(type: TypeName): TypeName {
  const t = type.trim().replace(/^System\./, '');
  return PRIMITIVE_ALIASES[t] ?? t;
}

const PRIMITIVE_ALIASES: Readonly<Record<string, string>> = {
  Int32: 'int', Int64: 'long', Int16: 'short', Byte: 'byte', SByte: 'sbyte', UInt16: 'ushort', UInt32: 'uint',
  UInt64: 'ulong', Double: 'double', Single: 'float', Decimal: 'decimal', Boolean: 'bool', String: 'string',
  Char: 'char', Object: 'object',
};

const ZERO_TYPES = new Set(['int', 'long', 'short', 'byte', 'sbyte', 'ushort', 'uint', 'ulong', 'double', 'float', 'decimal']);

/** `default(T)`: 0 for numbers, false for bool, '\0' for char, null for everything else (incl. nullable). */
export function defaultOf(type: TypeName): unknown {
  const t = primitiveName(type);
  if (ZERO_TYPES.has(t)) return 0;
  if (t === 'bool') return false;
  if (t === 'char') return '\0';
  return null;
}

const INTEGER_TYPES = new Set(['int', 'long', 'short', 'byte', 'sbyte', 'ushort', 'uint', 'ulong']);

export function isIntegerType(type: TypeName): boolean {
  return INTEGER_TYPES.has(primitiveName(type));
}

export function isFloatType(type: TypeName): boolean {
  const t = primitiveName(type);
  return t === 'double' || t === 'float' || t === 'decimal';
}
