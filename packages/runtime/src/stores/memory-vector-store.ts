// The embedded VectorStore: partitions in a Map, each a VectorPartition scanned linearly (fast enough for the
// thousands of entries one gateway's semantic cache holds: see the README's figures). Bounded by entry count and
// an estimate of the bytes held; past a bound, expired entries go first, then the oldest ones.
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { CacheValue } from './cache-store.ts';
import { estimateSize } from './memory-cache-store.ts';
import { unitVector } from './vector-math.ts';
import { VectorPartition, type PartitionEntry } from './vector-partition.ts';
import type { VectorMatch, VectorStore } from './vector-store.ts';

export interface MemoryVectorStoreOptions {
  clock?: Clock;
  /** Default 10,000 entries. */
  maxEntries?: number;
  /** Default 256 MiB, estimated (vectors at 4 bytes a dimension, values as memory-cache-store estimates them). */
  maxBytes?: number;
}

interface Stored {
  value: CacheValue;
  size: number;
  partition: string;
}

export class MemoryVectorStore implements VectorStore {
  private readonly partitions = new Map<string, VectorPartition<Stored>>();
  /** Every entry in insertion order, for eviction of the oldest. */
  private readonly order = new Set<PartitionEntry<Stored>>();
  private readonly clock: Clock;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;

  constructor(options: MemoryVectorStoreOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  }

  get size(): number {
    return this.order.size;
  }

  get byteSize(): number {
    return this.bytes;
  }

  nearest(partition: string, vector: Float32Array, maxDistance: number): VectorMatch | undefined {
    const entries = this.partitions.get(partition);
    if (!entries) return undefined;
    const query = unitVector(vector);
    if (!query) return undefined;
    const found = entries.nearest(query, maxDistance, this.clock.now());
    if (entries.size === 0) this.partitions.delete(partition);
    return found ? { value: found.entry.value.value, distance: found.distance } : undefined;
  }

  add(partition: string, key: string, vector: Float32Array, value: CacheValue, ttlSeconds: number): void {
    const unit = unitVector(vector);
    if (!(ttlSeconds > 0) || !unit) return;
    const size = unit.byteLength + estimateSize(key, value);
    if (size > this.maxBytes) return;
    let entries = this.partitions.get(partition);
    if (!entries) {
      entries = new VectorPartition<Stored>((entry) => this.forget(entry));
      this.partitions.set(partition, entries);
    }
    const { entry } = entries.put(key, unit, { value, size, partition }, this.clock.now() + ttlSeconds * 1000);
    this.order.add(entry);
    this.bytes += size;
    this.evict();
  }

  clear(): void {
    this.partitions.clear();
    this.order.clear();
    this.bytes = 0;
  }

  private forget(entry: PartitionEntry<Stored>): void {
    this.order.delete(entry);
    this.bytes -= entry.value.size;
  }

  private evict(): void {
    if (this.order.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
    const now = this.clock.now();
    for (const [name, entries] of this.partitions) {
      entries.prune(now);
      if (entries.size === 0) this.partitions.delete(name);
    }
    for (const entry of this.order) {
      if (this.order.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      const entries = this.partitions.get(entry.value.partition)!;
      entries.remove(entry);
      if (entries.size === 0) this.partitions.delete(entry.value.partition);
    }
  }
}
