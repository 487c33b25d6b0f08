// System.String: static and instance members with .NET semantics (ordinal unless a StringComparison says
// otherwise; culture-sensitive comparisons use the invariant culture, approximated by ordinal-ignore-case
// ordering with lower case first on ties).
import { chargeText, exactNumbers, ExpressionError, method, property } from './registry.ts';
import type { Guard, Invocation, MemberDecl, TypeDecl } from './registry.ts';
import { ignoresCase } from './enums.ts';
import { typeSystem } from '../types/registry-instance.ts';
import { toNetString } from '../runtime/convert.ts';
import * as security from './security/index.ts';

const argNull = (p: string): ExpressionError => new ExpressionError(`Value cannot be null. (Parameter '${p}')`, 'ArgumentNullException');
const outOfRange = (p: string, why = 'Index and length must refer to a location within the string.'): ExpressionError =>
  new ExpressionError(`${why} (Parameter '${p}')`, 'ArgumentOutOfRangeException');

function str(v: unknown, p = 'value'): string {
  if (v === null || v === undefined) throw argNull(p);
  return String(v);
}

const fold = (s: string, ci: boolean): string => (ci ? s.toUpperCase() : s);

export function ordinalCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** Culture-style comparison (invariant culture): case-insensitive first, then lower before upper. */
export function cultureCompare(a: string, b: string, ignoreCase: boolean): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const c = x.localeCompare(y, 'en');
  if (c !== 0 || ignoreCase) return Math.sign(c);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i] === x[i] ? -1 : 1;
  }
  return 0;
}

export function compareStrings(a: string | null, b: string | null, comparison = 0): number {
  if (a === null) return b === null ? 0 : -1;
  if (b === null) return 1;
  if (comparison === 4) return ordinalCompare(a, b);
  if (comparison === 5) return ordinalCompare(a.toUpperCase(), b.toUpperCase());
  return cultureCompare(a, b, ignoresCase(comparison));
}

function repeatChar(c: string, n: number, guard: Guard): string {
  if (n < 0) throw outOfRange('count', 'Count cannot be less than zero.');
  guard.alloc(n);
  return c.repeat(n);
}

function isWs(c: string): boolean {
  return /\s/.test(c);
}

function trimChars(s: string, chars: string[] | null, start: boolean, end: boolean): string {
  const match = chars && chars.length > 0 ? (c: string) => chars.includes(c) : isWs;
  let i = 0;
  let j = s.length;
  if (start) while (i < j && match(s[i]!)) i++;
  if (end) while (j > i && match(s[j - 1]!)) j--;
  return s.slice(i, j);
}

/** Flattens `params char[]` arguments: ('a', 'b') or (new[] {'a','b'}). */
function charList(args: unknown[]): string[] | null {
  if (args.length === 0) return null;
  if (args.length === 1 && (args[0] === null || Array.isArray(args[0]))) return (args[0] as string[] | null) ?? null;
  return args.map((a) => String(a));
}

function split(s: string, args: unknown[], inv: Invocation): string[] {
  let seps: string[] = [];
  let count = Number.MAX_SAFE_INTEGER;
  let options = 0;
  const types = inv.argTypes;
  const rest: unknown[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const t = types[i] ?? 'dynamic';
    if (t === 'StringSplitOptions') options = a as number;
    else if (typeof a === 'number' && (t === 'int' || t === 'long' || t === 'short' || t === 'byte' || (t === 'dynamic' && i > 0))) count = a;
    else rest.push(a);
  }
  for (const a of rest) {
    if (Array.isArray(a)) seps.push(...a.map(String));
    else if (a !== null && a !== undefined) seps.push(String(a));
  }
  seps = seps.filter((x) => x.length > 0);
  if (count < 0) throw outOfRange('count', 'Count cannot be less than zero.');
  if (count === 0) return [];
  let parts: string[] = [];
  if (seps.length === 0) {
    // No separators: split on white space.
    let cur = '';
    for (const c of s) {
      if (isWs(c)) {
        parts.push(cur);
        cur = '';
      } else cur += c;
    }
    parts.push(cur);
  } else {
    let start = 0;
    let i = 0;
    while (i <= s.length) {
      const sep = i < s.length ? seps.find((x) => s.startsWith(x, i)) : undefined;
      if (sep !== undefined) {
        parts.push(s.slice(start, i));
        i += sep.length;
        start = i;
      } else i++;
    }
    parts.push(s.slice(start));
  }
  inv.guard.alloc(parts.length);
  if (options & 2) parts = parts.map((p) => p.trim());
  if (options & 1) parts = parts.filter((p) => p.length > 0);
  if (parts.length > count) {
    // The last part keeps the remainder of the string, as .NET does: re-join from the original text.
    const keep = parts.slice(0, count - 1);
    let pos = 0;
    for (const k of keep) pos = s.indexOf(k, pos) + k.length;
    let remainder = s.slice(pos);
    for (const sep of seps) if (remainder.startsWith(sep)) {
      remainder = remainder.slice(sep.length);
      break;
    }
    if (options & 1) remainder = trimLeadingSeps(remainder, seps);
    keep.push(options & 2 ? remainder.trim() : remainder);
    parts = keep;
  }
  return parts;
}

function trimLeadingSeps(s: string, seps: string[]): string {
  let changed = true;
  while (changed) {
    changed = false;
    for (const sep of seps) if (s.startsWith(sep)) {
      s = s.slice(sep.length);
      changed = true;
    }
  }
  return s;
}

function comparisonArg(inv: Invocation, args: unknown[], index: number): number | undefined {
  return inv.argTypes[index] === 'StringComparison' ? (args[index] as number) : undefined;
}

function indexOf(s: string, args: unknown[], inv: Invocation, last: boolean): number {
  const [value] = args;
  const needle = str(value);
  let start: number | undefined;
  let comparison: number | undefined;
  for (let i = 1; i < args.length; i++) {
    if (inv.argTypes[i] === 'StringComparison') comparison = args[i] as number;
    else if (start === undefined) start = args[i] as number;
  }
  const ci = ignoresCase(comparison);
  const hay = fold(s, ci);
  const n = fold(needle, ci);
  if (start !== undefined && (start < 0 || start > s.length)) throw outOfRange('startIndex');
  return last ? hay.lastIndexOf(n, start ?? Infinity) : hay.indexOf(n, start ?? 0);
}

/** .NET composite formatting: "{0}", "{1:N2}", "{0,-10}", "{{" and "}}". */
export function compositeFormat(format: string, values: unknown[], types: readonly string[] = []): string {
  const ts = typeSystem();
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c === '{') {
      if (format[i + 1] === '{') {
        out += '{';
        i++;
        continue;
      }
      const end = format.indexOf('}', i);
      if (end < 0) throw new ExpressionError('Input string was not in a correct format.', 'FormatException');
      const m = /^\s*(\d+)\s*(?:,\s*(-?\d+)\s*)?(?::(.*))?$/s.exec(format.slice(i + 1, end));
      if (!m) throw new ExpressionError('Input string was not in a correct format.', 'FormatException');
      const idx = Number(m[1]);
      if (idx >= values.length) throw new ExpressionError('Index (zero based) must be greater than or equal to zero and less than the size of the argument list.', 'FormatException');
      let text = toNetString(ts, values[idx], types[idx] ?? 'dynamic', m[3]);
      if (m[2]) {
        const w = Number(m[2]);
        text = w < 0 ? text.padEnd(-w) : text.padStart(w);
      }
      out += text;
      i = end;
    } else if (c === '}') {
      if (format[i + 1] === '}') i++;
      else throw new ExpressionError('Input string was not in a correct format.', 'FormatException');
      out += '}';
    } else out += c;
  }
  return out;
}

function seqOf(v: unknown): unknown[] {
  if (v === null || v === undefined) throw argNull('values');
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  const ts = typeSystem();
  const d = ts.declOf(v);
  const e = d ? ts.find(d, 'enumerate') : undefined;
  if (e?.enumerate) return [...e.enumerate(v)];
  if (typeof v === 'object' && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
  throw new ExpressionError('Value is not enumerable.', 'ArgumentException');
}

const stringStatics: Record<string, MemberDecl> = {
  Empty: property('string', () => ''),
  IsNullOrEmpty: method('bool', [1, 1], (_s, [v]) => v === null || v === undefined || v === ''),
  IsNullOrWhiteSpace: method('bool', [1, 1], (_s, [v]) => v === null || v === undefined || String(v).trim() === ''),
  Concat: method('string', [0, Infinity], (_s, args, inv) => {
    const ts = typeSystem();
    const items = args.length === 1 && typeof args[0] === 'object' && args[0] !== null && inv.argTypes[0] !== 'object' ? seqOf(args[0]) : args;
    const r = items.map((a, i) => toNetString(ts, a, inv.argTypes[i] ?? 'dynamic')).join('');
    inv.guard.alloc(r.length);
    return r;
  }),
  Join: method('string', [2, Infinity], (_s, [sep, ...rest], inv) => {
    const ts = typeSystem();
    const items = rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null ? seqOf(rest[0]) : rest;
    const et = rest.length === 1 ? (inv.argTypes[1] ?? '').replace(/^.*<(.*)>$|\[\]$/, '$1') : 'dynamic';
    const r = items.map((a) => toNetString(ts, a, et || 'dynamic')).join(sep === null ? '' : String(sep));
    inv.guard.alloc(r.length);
    return r;
  }),
  Format: method('string', [1, Infinity], (_s, [fmt, ...rest], inv) => {
    if (fmt === null) throw argNull('format');
    const values = rest.length === 1 && Array.isArray(rest[0]) && inv.argTypes[1] === 'object[]' ? (rest[0] as unknown[]) : rest;
    const r = compositeFormat(String(fmt), values, inv.argTypes.slice(1));
    inv.guard.alloc(r.length);
    return r;
  }),
  Equals: method('bool', [2, 3], (_s, [a, b, c]) => {
    if (a === null || b === null) return a === b;
    return ignoresCase(c) ? String(a).toUpperCase() === String(b).toUpperCase() : a === b;
  }),
  Compare: method('int', [2, 3], (_s, [a, b, c], inv) => {
    const cmp = inv.argTypes[2] === 'bool' ? (c ? 1 : 0) : (c as number | undefined) ?? 0;
    return compareStrings(a as string | null, b as string | null, cmp);
  }),
  CompareOrdinal: method('int', [2, 2], (_s, [a, b]) => compareStrings(a as string | null, b as string | null, 4)),
  Copy: method('string', [1, 1], (_s, [a]) => str(a, 'str')),
};

const stringInstance: Record<string, MemberDecl> = {
  Length: property('int', (s: string) => s.length),
  Contains: method('bool', [1, 2], (s: string, args, inv) => {
    const ci = ignoresCase(comparisonArg(inv, args, 1));
    return fold(s, ci).includes(fold(str(args[0]), ci));
  }),
  StartsWith: method('bool', [1, 3], (s: string, args, inv) => {
    const ci = ignoresCase(comparisonArg(inv, args, 1)) || (inv.argTypes[1] === 'bool' && args[1] === true);
    return fold(s, ci).startsWith(fold(str(args[0]), ci));
  }),
  EndsWith: method('bool', [1, 3], (s: string, args, inv) => {
    const ci = ignoresCase(comparisonArg(inv, args, 1)) || (inv.argTypes[1] === 'bool' && args[1] === true);
    return fold(s, ci).endsWith(fold(str(args[0]), ci));
  }),
  Substring: method('string', [1, 2], (s: string, [start, len]) => {
    const st = start as number;
    if (st < 0 || st > s.length) throw outOfRange('startIndex', 'startIndex cannot be larger than length of string.');
    if (len === undefined) return s.slice(st);
    const l = len as number;
    if (l < 0 || st + l > s.length) throw outOfRange('length');
    return s.slice(st, st + l);
  }),
  IndexOf: method('int', [1, 3], (s: string, args, inv) => indexOf(s, args, inv, false)),
  LastIndexOf: method('int', [1, 3], (s: string, args, inv) => indexOf(s, args, inv, true)),
  IndexOfAny: method('int', [1, 2], (s: string, [chars, start]) => {
    const cs = chars as string[];
    for (let i = (start as number | undefined) ?? 0; i < s.length; i++) if (cs.includes(s[i]!)) return i;
    return -1;
  }),
  Split: method('string[]', [0, Infinity], (s: string, args, inv) => split(s, args, inv)),
  Replace: method('string', [2, 4], (s: string, [a, b], inv) => {
    const from = str(a, 'oldValue');
    if (from === '') throw new ExpressionError("String cannot be of zero length. (Parameter 'oldValue')", 'ArgumentException');
    // split/join is V8's fastest ordinal replace; each match costs about half a step beyond the text itself.
    const parts = s.split(from);
    inv.guard.step(parts.length >> 1);
    const r = parts.join(b === null || b === undefined ? '' : String(b));
    inv.guard.alloc(r.length);
    return r;
  }),
  Trim: method('string', [0, Infinity], (s: string, args) => trimChars(s, charList(args), true, true)),
  TrimStart: method('string', [0, Infinity], (s: string, args) => trimChars(s, charList(args), true, false)),
  TrimEnd: method('string', [0, Infinity], (s: string, args) => trimChars(s, charList(args), false, true)),
  ToLower: method('string', [0, 1], (s: string) => s.toLowerCase()),
  ToUpper: method('string', [0, 1], (s: string) => s.toUpperCase()),
  ToLowerInvariant: method('string', [0, 0], (s: string) => s.toLowerCase()),
  ToUpperInvariant: method('string', [0, 0], (s: string) => s.toUpperCase()),
  PadLeft: method('string', [1, 2], (s: string, [n, c], inv) => (s.length >= (n as number) ? s : repeatChar((c as string | undefined) ?? ' ', (n as number) - s.length, inv.guard) + s)),
  PadRight: method('string', [1, 2], (s: string, [n, c], inv) => (s.length >= (n as number) ? s : s + repeatChar((c as string | undefined) ?? ' ', (n as number) - s.length, inv.guard))),
  Insert: method('string', [2, 2], (s: string, [i, v]) => {
    if ((i as number) < 0 || (i as number) > s.length) throw outOfRange('startIndex');
    return s.slice(0, i as number) + str(v) + s.slice(i as number);
  }),
  Remove: method('string', [1, 2], (s: string, [i, n]) => {
    const st = i as number;
    if (st < 0 || st > s.length) throw outOfRange('startIndex');
    if (n === undefined) return s.slice(0, st);
    if ((n as number) < 0 || st + (n as number) > s.length) throw outOfRange('count');
    return s.slice(0, st) + s.slice(st + (n as number));
  }),
  ToCharArray: method('char[]', [0, 2], (s: string, _a, inv) => {
    inv.guard.alloc(s.length);
    return s.split('');
  }),
  CompareTo: method('int', [1, 1], (s: string, [o]) => compareStrings(s, o as string | null, 0)),
  Equals: method('bool', [1, 2], (s: string, [o, c]) => {
    if (typeof o !== 'string') return false;
    return ignoresCase(c) ? s.toUpperCase() === o.toUpperCase() : s === o;
  }),
  ToString: method('string', [0, 1], (s: string) => s),
  GetHashCode: method('int', [0, 0], (s: string) => {
    let h = 0;
    for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
    return h;
  }),
  Normalize: method('string', [0, 1], (s: string) => s.normalize('NFC')),
};

// Formatting members print a long past 2^53 or a decimal in full.
for (const name of ['Concat', 'Join', 'Format']) stringStatics[name] = exactNumbers(stringStatics[name]!);

/** Methods whose work grows with the receiver's length even when what they return is small (what they
 *  return, and their arguments, are charged by the compiler). */
const SCANNING = ['Contains', 'IndexOf', 'LastIndexOf', 'IndexOfAny', 'StartsWith', 'EndsWith', 'Equals', 'CompareTo',
  'Split', 'Trim', 'TrimStart', 'TrimEnd', 'Replace', 'GetHashCode', 'Normalize'];
for (const name of SCANNING) {
  const m = stringInstance[name];
  if (m?.kind !== 'method') throw new Error(`string.${name} is not a method`);
  const run = m.invoke;
  stringInstance[name] = { ...m, invoke: (s: unknown, args, inv) => {
    if (typeof s === 'string') chargeText(inv.guard, s.length);
    return run(s, args, inv);
  } };
}

function extensions(name: string): Record<string, MemberDecl> {
  const v = (security as Record<string, unknown>)[name];
  return v && typeof v === 'object' ? (v as Record<string, MemberDecl>) : {};
}

export const stringDecl: TypeDecl = {
  name: 'string',
  aliases: ['String', 'System.String'],
  base: 'IEnumerable',
  is: (v) => typeof v === 'string',
  construct: method('string', [1, 3], (_s, [a, b, c], inv) => {
    if (Array.isArray(a)) return (a as string[]).slice((b as number | undefined) ?? 0, b === undefined ? undefined : (b as number) + (c as number)).join('');
    return repeatChar(String(a), b as number, inv.guard);
  }),
  indexer: {
    type: 'char',
    get(s: string, i) {
      const n = i as number;
      if (n < 0 || n >= s.length || !Number.isInteger(n)) throw new ExpressionError('Index was outside the bounds of the array.', 'IndexOutOfRangeException');
      return s[n];
    },
  },
  static: stringStatics,
  // Read when the type system is built (after every module has loaded), not at import time.
  get instance() {
    return { ...extensions('stringExtensions'), ...stringInstance };
  },
  enumerate: (s: string) => s.split(''),
  toString: (s: string) => s,
  equals: (a, b) => a === b,
  compare: (a: string, b: string) => ordinalCompare(a, b),
  elementType: () => 'char',
};
