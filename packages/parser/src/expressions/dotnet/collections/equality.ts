// .NET's default equality, hashing and ordering (EqualityComparer<T>.Default, Comparer<T>.Default) over the
// value representation of registry.ts. Library classes opt in through the CsValue protocol below.
import { compareDecimal, CsDecimal } from '../decimal.ts';
import { ExpressionError } from '../registry.ts';
import { foreignDeclOf } from './foreign.ts';

/** Implemented by library classes whose equality is by value (JValue, KeyValuePair). */
export interface CsValue {
  csEquals(other: unknown): boolean;
  /** A string equal for equal values, used as a hash key. */
  csHash(): string;
}

/** Implemented by library classes that are IComparable (JValue). */
export interface CsComparable {
  csCompare(other: unknown): number;
}

function isCsValue(v: unknown): v is CsValue {
  return typeof v === 'object' && v !== null && typeof (v as Partial<CsValue>).csHash === 'function';
}

function isCsComparable(v: unknown): v is CsComparable {
  return typeof v === 'object' && v !== null && typeof (v as Partial<CsComparable>).csCompare === 'function';
}

export function csEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // Decimals are equal by value whatever their scale (1.10m equals 1.1m), also to a decimal held as a double.
  if (a instanceof CsDecimal || b instanceof CsDecimal) return isNumeric(a) && isNumeric(b) && compareDecimal(a, b) === 0;
  if (a === null || b === null || typeof a !== 'object') return false;
  if (isCsValue(a)) return a.csEquals(b);
  if (a instanceof Uint8Array) return false;
  const decl = foreignDeclOf(a);
  if (decl?.equals && decl.is?.(b)) return decl.equals(a, b);
  return false;
}

const isNumeric = (v: unknown): boolean => typeof v === 'number' || typeof v === 'bigint' || v instanceof CsDecimal;

/** Equal for equal values: a decimal a double holds exactly hashes as that double; others by their digits. */
function decimalHash(d: CsDecimal): string {
  const n = d.valueOf();
  if (compareDecimal(d, n) === 0) return 'n:' + (Object.is(n, -0) ? 0 : n);
  return 'd:' + d.toString().replace(/\.?0+$/, '');
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A key equal for values that csEquals calls equal (reference identity for plain reference types). */
export function hashKey(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string': return 's:' + v;
    case 'number': return 'n:' + (Object.is(v, -0) ? 0 : v);
    case 'boolean': return 'b:' + v;
    case 'bigint': return 'n:' + v;
  }
  if (v instanceof CsDecimal) return decimalHash(v);
  if (isCsValue(v)) return v.csHash();
  const decl = foreignDeclOf(v);
  if (decl?.equals && decl.toString) return 'f:' + decl.name + ':' + decl.toString(v, 'O');
  let id = ids.get(v as object);
  if (id === undefined) {
    id = nextId++;
    ids.set(v as object, id);
  }
  return 'r:' + id;
}

// Comparer<string>.Default is culture-sensitive (ICU on .NET 5+): "a" < "B" and "a" < "A".
const culture = new Intl.Collator('en-US');

export function compareStringsCulture(a: string, b: string): number {
  const c = culture.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Comparer<T>.Default: null first, numbers numerically, strings by culture, bools false < true. */
export function csCompare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : Number.isNaN(b) ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return compareStringsCulture(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
  // A long past 2^53 (BigInt) against a number or BigInt: JS compares them exactly.
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof CsDecimal || b instanceof CsDecimal) return compareDecimal(a, b);
  if (isCsComparable(a)) return a.csCompare(b);
  const decl = foreignDeclOf(a);
  if (decl?.compare) return decl.compare(a, b);
  throw new ExpressionError('Failed to compare two elements in the array. At least one object must implement IComparable.');
}
