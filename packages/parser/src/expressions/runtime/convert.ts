// .NET conversions the language itself performs: ToString for concatenation and interpolation, explicit
// casts, `is`/`as` tests, `==` and ordering. All of it goes through the TypeSystem's declarations.
import type { TypeName } from '../dotnet/registry.ts';
import { ExpressionError } from '../dotnet/registry.ts';
import { formatNumber } from '../dotnet/number-format.ts';
import { formatNumeric } from '../dotnet/exact-number-text.ts';
import { CsDecimal, toDecimal, truncateDecimal } from '../dotnet/decimal.ts';
import { canon, convertIntegral } from '../dotnet/int64.ts';
import { CsException, csError } from './errors.ts';
import type { TypeSystem } from '../types/type-system.ts';
import { CLR_NAMES, INTEGRAL, NUMERIC, stripNullable } from '../types/type-names.ts';

/** `v.ToString()` / `v.ToString(format)` as .NET prints it; `type` is the static type where known. */
export function toNetString(ts: TypeSystem, v: unknown, type: TypeName = 'dynamic', format?: string | null): string {
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string': return v;
    case 'boolean': return v ? 'True' : 'False';
    case 'number': {
      const t = stripNullable(type);
      if (t !== 'dynamic' && t !== 'object' && !NUMERIC.has(t)) {
        const d = ts.declFor(t);
        if (d?.toString) return d.toString(v, format ?? undefined);
      }
      return formatNumber(v, NUMERIC.has(t) ? t : Number.isSafeInteger(v) ? 'int' : 'double', format);
    }
    case 'function': return 'System.Func';
    case 'bigint': return formatNumeric(v, NUMERIC.has(stripNullable(type)) ? stripNullable(type) : 'long', format);
    default: break;
  }
  if (v instanceof CsDecimal) return formatNumeric(v, 'decimal', format);
  if (v instanceof CsException) return `System.${v.typeName}: ${v.Message}`;
  if (v instanceof Uint8Array) return 'System.Byte[]';
  if (Array.isArray(v)) {
    const el = type.endsWith('[]') ? type.slice(0, -2) : 'object';
    return `${CLR_NAMES[el] ?? el}[]`;
  }
  const d = ts.declOf(v);
  if (d?.toString) return d.toString(v, format ?? undefined);
  const m = d ? ts.instanceMember(d, 'ToString') : undefined;
  if (m && m.kind === 'method' && d!.name !== 'object') {
    return String(m.invoke(v, format ? [format] : [], { typeArgs: [], argTypes: format ? ['string'] : [], named: {}, guard: NO_GUARD }));
  }
  return d ? (d.aliases?.find((a) => a.includes('.')) ?? d.name) : 'System.Object';
}

const NO_GUARD = { step(): void {}, alloc(): void {} };

/** `value is T` for a canonical type name. */
export function isInstance(ts: TypeSystem, v: unknown, target: TypeName): boolean {
  if (v === null || v === undefined) return false;
  const t = stripNullable(target);
  if (t === 'object' || t === 'dynamic') return true;
  switch (t) {
    case 'string': return typeof v === 'string';
    case 'char': return typeof v === 'string' && v.length === 1;
    case 'bool': return typeof v === 'boolean';
    case 'long': case 'ulong': return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
    case 'int': case 'short': case 'byte': case 'sbyte': case 'uint': case 'ushort':
      return typeof v === 'number' && Number.isInteger(v);
    case 'decimal': return typeof v === 'number' || v instanceof CsDecimal;
    case 'double': case 'float': return typeof v === 'number';
    default: break;
  }
  if (t.endsWith('[]')) {
    if (t === 'byte[]') return v instanceof Uint8Array;
    return Array.isArray(v);
  }
  const d = ts.declFor(t);
  if (!d) return false;
  if (d.is) return d.is(v);
  const vd = ts.declOf(v);
  return vd !== undefined && ts.derives(vd, d);
}

function invalidCast(ts: TypeSystem, v: unknown, target: TypeName): never {
  const from = typeof v === 'string' ? 'System.String' : typeof v === 'number' ? (Number.isInteger(v) ? 'System.Int32' : 'System.Double')
    : typeof v === 'boolean' ? 'System.Boolean' : (ts.declOf(v)?.aliases?.find((a) => a.includes('.')) ?? ts.declOf(v)?.name ?? 'System.Object');
  throw csError('InvalidCastException', `Unable to cast object of type '${from}' to type '${CLR_NAMES[stripNullable(target)] ?? target}'.`);
}

function toIntegral(n: number, t: string): number {
  if (Number.isNaN(n)) return t === 'long' ? -9223372036854775808 : t === 'int' ? -2147483648 : 0;
  const x = Math.trunc(n);
  switch (t) {
    case 'int': return x | 0;
    case 'uint': return x >>> 0;
    case 'short': return (x << 16) >> 16;
    case 'ushort': return x & 0xffff;
    case 'byte': return x & 0xff;
    case 'sbyte': return (x << 24) >> 24;
    default: return x;
  }
}

/** `(T)value`. `from` is the operand's static type. */
export function castValue(ts: TypeSystem, v: unknown, target: TypeName, from: TypeName): unknown {
  const t = stripNullable(target);
  if (v === null || v === undefined) {
    if ((NUMERIC.has(t) || t === 'bool' || t === 'char') && !target.endsWith('?')) {
      // A user-defined explicit operator runs on null too: (int)(JToken)null throws ArgumentNullException.
      const fd = from === 'dynamic' || from.endsWith('?') ? undefined : ts.declFor(from);
      const conv = fd ? ts.find(fd, 'convertTo') : undefined;
      if (conv?.convertTo) return conv.convertTo(null, target);
      throw csError('NullReferenceException', 'Object reference not set to an instance of an object.');
    }
    return null;
  }
  if (t === 'object' || t === 'dynamic') return v;
  if (NUMERIC.has(t)) {
    if (t === 'decimal' && (typeof v === 'number' || typeof v === 'bigint' || v instanceof CsDecimal)) return toDecimal(v);
    if (typeof v === 'bigint' || v instanceof CsDecimal) {
      const whole = v instanceof CsDecimal ? truncateDecimal(v) : v;
      if (INTEGRAL.has(t)) return convertIntegral(whole, t);
      return t === 'float' ? Math.fround(Number(v)) : Number(v);
    }
    if (typeof v === 'number' && (t === 'long' || t === 'ulong') && !Number.isSafeInteger(Math.trunc(v))) {
      // Past 2^53 a double is already whole: exact as a BigInt, wrapped to 64 bits (NaN, infinities: MinValue).
      // Out of range (and NaN): long.MinValue, what .NET's unchecked conversion gives on x64.
      return Number.isFinite(v) && Math.abs(v) < 2 ** 63 ? convertIntegral(canon(BigInt(v)), t) : convertIntegral(-(2n ** 63n), t);
    }
    if (typeof v === 'number') return INTEGRAL.has(t) ? toIntegral(v, t) : t === 'float' ? Math.fround(v) : v;
    if (typeof v === 'string' && (from === 'char' || (from === 'dynamic' && v.length === 1))) {
      return INTEGRAL.has(t) ? toIntegral(v.charCodeAt(0), t) : v.charCodeAt(0);
    }
  } else if (t === 'char') {
    if (typeof v === 'number') return String.fromCharCode(toIntegral(v, 'ushort'));
    if (typeof v === 'string' && v.length === 1) return v;
  } else if (isInstance(ts, v, t)) {
    return v;
  }
  const source = typeof v === 'object' ? ts.declOf(v) : undefined;
  const conv = source ? ts.find(source, 'convertTo') : undefined;
  if (conv?.convertTo) return conv.convertTo(v, target);
  const td = ts.declFor(t);
  const castDecl = td?.cast ? td : undefined;
  if (castDecl?.cast) return castDecl.cast(v);
  return invalidCast(ts, v, target);
}

/** `a == b` with .NET semantics (value equality for strings and declared types). */
export function csEquals(ts: TypeSystem, a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  const ta = typeof a;
  if (ta === 'bigint' || typeof b === 'bigint') return typeof b !== 'object' && ta !== 'object' && typeof b !== 'string' && ta !== 'string' && Number(a) === Number(b);
  if (ta !== 'object' || typeof b !== 'object') {
    if (ta === 'number' && typeof b === 'string' && b.length === 1) return a === b.charCodeAt(0);
    if (ta === 'string' && typeof b === 'number' && (a as string).length === 1) return (a as string).charCodeAt(0) === b;
    return false;
  }
  const d = ts.declOf(a);
  const eq = d ? ts.find(d, 'equals') : undefined;
  return eq?.equals ? eq.equals(a, b) : false;
}

/** Ordering for `<`, `>`, `<=`, `>=` on non-numbers (DateTime, TimeSpan...). */
export function csCompare(ts: TypeSystem, a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (a === null || b === null || a === undefined || b === undefined) throw new ExpressionError('Operator cannot be applied to null here.', 'InvalidOperationException');
  const d = ts.declOf(a);
  const cmp = d ? ts.find(d, 'compare') : undefined;
  if (cmp?.compare) return cmp.compare(a, b);
  throw new ExpressionError(`Operator '<' cannot be applied to values of type '${d?.name ?? typeof a}'.`, 'InvalidOperationException');
}
