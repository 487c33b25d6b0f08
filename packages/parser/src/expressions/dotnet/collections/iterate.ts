// Enumerating any C# sequence value: arrays, byte[], strings (UTF-16 chars), library collections (JS iterables
// with .NET's element semantics) and other modules' types that declare `enumerate`.
import { ExpressionError } from '../registry.ts';
import type { Guard } from '../registry.ts';
import { foreignDeclOf } from './foreign.ts';

function* chars(s: string): Iterable<string> {
  for (let i = 0; i < s.length; i++) yield s[i]!;
}

export function nullArgument(name: string): ExpressionError {
  return new ExpressionError(`Value cannot be null. (Parameter '${name}')`, 'ArgumentNullException');
}

export function isSequence(v: unknown): boolean {
  if (typeof v === 'string') return true;
  if (typeof v !== 'object' || v === null) return false;
  if (Symbol.iterator in v) return true;
  return foreignDeclOf(v)?.enumerate !== undefined;
}

/** Enumerates values whose declaration lives outside the library (the context model's dictionaries yield
 *  KeyValuePairs, not their JS iteration's [key, value] arrays); undefined for everything else. */
type Enumerator = (v: object) => Iterable<unknown> | undefined;
let outside: Enumerator = () => undefined;

export function registerEnumerator(e: Enumerator): void {
  outside = e;
}

/** The elements of a sequence; throws ArgumentNullException's message for null. */
export function seq(v: unknown, param = 'source'): Iterable<unknown> {
  if (v === null || v === undefined) throw nullArgument(param);
  if (typeof v === 'string') return chars(v);
  if (typeof v === 'object') {
    const declared = Array.isArray(v) ? undefined : outside(v);
    if (declared) return declared;
    if (Symbol.iterator in v) return v as Iterable<unknown>;
    const decl = foreignDeclOf(v);
    if (decl?.enumerate) return decl.enumerate(v);
  }
  throw new ExpressionError(`Value of type ${typeof v} is not enumerable.`);
}

/** Materialises a sequence, charging the guard one step per element. */
export function toArray(v: unknown, guard?: Guard, param = 'source'): unknown[] {
  if (Array.isArray(v)) {
    guard?.step(v.length);
    return v;
  }
  const out: unknown[] = [];
  for (const x of seq(v, param)) {
    guard?.step();
    out.push(x);
  }
  guard?.alloc(out.length);
  return out;
}
