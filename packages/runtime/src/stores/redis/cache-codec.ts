// How cache values are written to Redis: JSON with a type tag, so bytes come back as bytes rather than as
// {"0":1,...}. Top level: {"e": expiresAt, "t": "b", "v": base64} for a Uint8Array (Buffer included), else
// {"e": expiresAt, "t": "j", "v": json}. Bytes nested in objects and arrays are tagged {"\u0000bytes": base64};
// a key starting with NUL cannot come from a policy expression's JSON, so it does not collide with user data.

import type { CacheValue } from '../cache-store.ts';

const BYTES_TAG = '\u0000bytes';

export interface CacheEntry {
  value: CacheValue;
  /** Caller-clock time (ms) after which the entry is a miss. */
  expiresAt: number;
}

export function encodeCacheEntry(value: CacheValue, expiresAt: number): string {
  if (value instanceof Uint8Array) return JSON.stringify({ e: expiresAt, t: 'b', v: toBase64(value) });
  return JSON.stringify({ e: expiresAt, t: 'j', v: value }, replaceBytes);
}

/** Undefined for text that is not an entry (written by something else): treated as a miss. */
export function decodeCacheEntry(text: string): CacheEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text, reviveBytes);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { e, t, v } = parsed as { e?: unknown; t?: unknown; v?: unknown };
  if (typeof e !== 'number') return undefined;
  if (t === 'b' && typeof v === 'string') return { value: fromBase64(v), expiresAt: e };
  if (t === 'j') return { value: v, expiresAt: e };
  return undefined;
}

// `this[key]` is the value before toJSON, so a Buffer is seen as bytes rather than as {type:'Buffer',data}.
function replaceBytes(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const raw = this[key];
  return raw instanceof Uint8Array ? { [BYTES_TAG]: toBase64(raw) } : value;
}

function reviveBytes(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const encoded = (value as Record<string, unknown>)[BYTES_TAG];
  return typeof encoded === 'string' && Object.keys(value).length === 1 ? fromBase64(encoded) : value;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(text: string): Uint8Array {
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).slice(); // a plain Uint8Array, own memory
}
