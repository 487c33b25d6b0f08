// byte[] is a Uint8Array. Node's Buffer is used inside the library only; callers always get a plain Uint8Array.
import { Buffer } from 'node:buffer';
import { ExpressionError } from '../registry.ts';
import type { Guard } from '../registry.ts';

export function argNull(name: string): never {
  throw new ExpressionError(`Value cannot be null. (Parameter '${name}')`, 'ArgumentNullException');
}

/** The argument as a byte[]; null raises ArgumentNullException as .NET does. */
export function bytesArg(value: unknown, name = 'bytes'): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value === null || value === undefined) argNull(name);
  throw new ExpressionError(`Argument '${name}' must be a byte[].`, 'ArgumentException');
}

export function stringArg(value: unknown, name = 's'): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) argNull(name);
  throw new ExpressionError(`Argument '${name}' must be a string.`, 'ArgumentException');
}

/** Copy into a plain Uint8Array so no Buffer (a Node object) reaches an expression. */
export function plain(bytes: Uint8Array, guard?: Guard): Uint8Array {
  guard?.alloc(bytes.length);
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}

export function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Optional (index, count) arguments over an array of `length`, checked as .NET checks them. */
export function range(length: number, index: unknown, count: unknown): [number, number] {
  const start = index === undefined ? 0 : Number(index);
  const n = count === undefined ? length - start : Number(count);
  if (!Number.isInteger(start) || start < 0) throw new ExpressionError('Non-negative number required. (Parameter \'index\')', 'ArgumentOutOfRangeException');
  if (!Number.isInteger(n) || n < 0) throw new ExpressionError('Non-negative number required. (Parameter \'count\')', 'ArgumentOutOfRangeException');
  if (start + n > length) throw new ExpressionError('Index and count must refer to a location within the buffer. (Parameter \'bytes\')', 'ArgumentOutOfRangeException');
  return [start, n];
}
