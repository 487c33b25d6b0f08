// C# type names as the compiler tracks them: parsing 'Dictionary<string,List<int>>[]' and friends.
import type { TypeName } from '../dotnet/registry.ts';

export interface ParsedType {
  name: string;
  args: ParsedType[];
  /** Array ranks, outermost last: 'int[][]' → 2. */
  arrays: number;
  nullable: boolean;
}

export function parseTypeName(text: string): ParsedType {
  let p = 0;
  const t = text.replace(/\s+/g, '');
  function one(): ParsedType {
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(t.slice(p));
    if (!m) throw new Error(`Invalid type name '${text}'`);
    p += m[0].length;
    const args: ParsedType[] = [];
    if (t[p] === '<') {
      p++;
      for (;;) {
        args.push(one());
        if (t[p] === ',') {
          p++;
          continue;
        }
        if (t[p] !== '>') throw new Error(`Invalid type name '${text}'`);
        p++;
        break;
      }
    }
    let nullable = false;
    if (t[p] === '?') {
      nullable = true;
      p++;
    }
    let arrays = 0;
    while (t[p] === '[') {
      while (t[p] !== ']' && p < t.length) p++;
      p++;
      arrays++;
    }
    return { name: m[0], args, arrays, nullable };
  }
  const r = one();
  return r;
}

export function formatType(t: ParsedType): TypeName {
  let s = t.name + (t.args.length ? `<${t.args.map(formatType).join(',')}>` : '');
  if (t.nullable) s += '?';
  for (let i = 0; i < t.arrays; i++) s += '[]';
  return s;
}

export const INTEGRAL = new Set(['sbyte', 'byte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong']);
export const FLOATING = new Set(['float', 'double', 'decimal']);
export const NUMERIC = new Set([...INTEGRAL, ...FLOATING]);

/** C# keyword types and their CLR names. */
export const KEYWORD_ALIASES: Readonly<Record<string, string>> = {
  String: 'string', Object: 'object', Boolean: 'bool', Char: 'char', Byte: 'byte', SByte: 'sbyte', Int16: 'short',
  UInt16: 'ushort', Int32: 'int', UInt32: 'uint', Int64: 'long', UInt64: 'ulong', Single: 'float', Double: 'double',
  Decimal: 'decimal',
};

export const CLR_NAMES: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(KEYWORD_ALIASES).map(([clr, kw]) => [kw, `System.${clr}`]),
);

/** Strips one trailing `?` or `[]`. */
export function stripNullable(t: TypeName): TypeName {
  return t.endsWith('?') ? t.slice(0, -1) : t;
}

export function isNumeric(t: TypeName): boolean {
  return NUMERIC.has(stripNullable(t));
}

/** Binary numeric promotion (C# §12.4.7), char counting as ushort. */
export function promote(a: TypeName, b: TypeName): TypeName {
  const x = a === 'char' ? 'int' : stripNullable(a);
  const y = b === 'char' ? 'int' : stripNullable(b);
  for (const t of ['decimal', 'double', 'float', 'ulong', 'long', 'uint']) if (x === t || y === t) {
    if (t === 'uint' && (x === 'int' || y === 'int' || x === 'short' || y === 'short' || x === 'sbyte' || y === 'sbyte')) return 'long';
    return t;
  }
  return 'int';
}

/** Element type of a sequence type name, or 'dynamic'. */
export function elementTypeOf(t: TypeName): TypeName {
  if (t.endsWith('[]')) return t.slice(0, -2);
  if (t === 'string') return 'char';
  if (t === 'JArray' || t === 'JToken' || t === 'JContainer') return 'JToken';
  // JObject's own GetEnumerator (what foreach binds to) yields KeyValuePair<string, JToken>; LINQ sees JProperty.
  if (t === 'JObject') return 'KeyValuePair<string,JToken>';
  const p = parseTypeName(t);
  if (p.args.length === 2 && /Dictionary$/.test(p.name)) return `KeyValuePair<${formatType(p.args[0]!)},${formatType(p.args[1]!)}>`;
  if (p.args.length === 1) return formatType(p.args[0]!);
  return 'dynamic';
}
