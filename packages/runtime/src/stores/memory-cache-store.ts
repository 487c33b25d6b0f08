// The embedded CacheStore: a Map used as an LRU list (re-inserted on every hit, evicted from the front),
// bounded by entry count and by an estimate of the bytes held. Expiry is lazy, on access and on eviction.

import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { CacheStore, CacheValue } from './cache-store.ts';

interface Entry {
  value: CacheValue;
  expiresAt: number;
  size: number;
}

export interface MemoryCacheStoreOptions {
  clock?: Clock;
  /** Default 10,000 entries. */
  maxEntries?: number;
  /** Default 64 MiB, estimated (see estimateSize). */
  maxBytes?: number;
}

export class MemoryCacheStore implements CacheStore {
  private readonly entries = new Map<string, Entry>();
  private readonly clock: Clock;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(options: MemoryCacheStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Estimated bytes held. */
  get byteSize(): number {
    return this.bytes;
  }

  // Values are kept by reference: callers store immutable values (strings, bytes, frozen or copied objects).
  get(key: string): CacheValue | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now()) {
      this.drop(key, entry);
      return undefined;
    }
    this.entries.delete(key); // move to the most-recently-used end
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: CacheValue, ttlSeconds: number): void {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (!(ttlSeconds > 0)) return;
    const size = estimateSize(key, value);
    if (size > this.maxBytes) return; // would evict everything and still not fit
    this.entries.set(key, { value, expiresAt: this.clock.now() + ttlSeconds * 1000, size });
    this.bytes += size;
    this.evict();
  }

  remove(key: string): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    this.drop(key, entry);
    return entry.expiresAt > this.clock.now();
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.size;
  }

  private evict(): void {
    if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
    const now = this.clock.now();
    for (const [key, entry] of this.entries) {
      if (entry.expiresAt <= now) this.drop(key, entry); // expired ones first, wherever they are
    }
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.drop(key, entry); // least recently used first
    }
  }
}

/** Rough bytes: exact for bytes, 2 per UTF-16 unit for strings, the JSON text for anything else. */
export function estimateSize(key: string, value: CacheValue): number {
  const overhead = 64 + key.length * 2;
  if (value instanceof Uint8Array) return overhead + value.byteLength;
  if (typeof value === 'string') return overhead + value.length * 2;
  if (value === null || value === undefined || typeof value !== 'object') return overhead + 8;
  try {
    return overhead + (JSON.stringify(value)?.length ?? 0) * 2;
  } catch {
    return overhead + 1024;
  }
}
