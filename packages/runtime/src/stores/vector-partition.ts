// One partition's vectors in memory, searched by a linear scan: the embedded vector store keeps its entries here,
// and the Redis one keeps here its local copy of what Redis holds. Expired entries are dropped as the scan meets
// them (lazily, on the caller's clock). Removal swaps the last entry into the hole, so it costs O(1).
import { distanceWithin } from './vector-math.ts';

export interface PartitionEntry<V> {
  key: string;
  /** Unit length (see vector-math.ts). */
  vector: Float32Array;
  value: V;
  /** Epoch ms on the caller's clock. */
  expiresAt: number;
  /** Position in the partition's list, kept up to date by the partition. */
  index: number;
}

export interface Nearest<V> {
  entry: PartitionEntry<V>;
  distance: number;
}

export class VectorPartition<V> {
  private readonly entries: PartitionEntry<V>[] = [];
  private readonly byKey = new Map<string, PartitionEntry<V>>();

  constructor(private readonly onRemove: (entry: PartitionEntry<V>) => void = () => {}) {}

  get size(): number {
    return this.entries.length;
  }

  get(key: string): PartitionEntry<V> | undefined {
    return this.byKey.get(key);
  }

  /** Adds, or replaces the entry under the same key; returns the entry it replaced. */
  put(key: string, vector: Float32Array, value: V, expiresAt: number): { entry: PartitionEntry<V>; replaced: PartitionEntry<V> | undefined } {
    const replaced = this.byKey.get(key);
    if (replaced) this.remove(replaced);
    const entry: PartitionEntry<V> = { key, vector, value, expiresAt, index: this.entries.length };
    this.entries.push(entry);
    this.byKey.set(key, entry);
    return { entry, replaced };
  }

  remove(entry: PartitionEntry<V>): void {
    if (this.byKey.get(entry.key) !== entry) return;
    this.byKey.delete(entry.key);
    const last = this.entries.pop()!;
    if (last !== entry) {
      this.entries[entry.index] = last;
      last.index = entry.index;
    }
    this.onRemove(entry);
  }

  /** The live entry nearest to the unit vector `query` within `maxDistance`; expired entries met are removed. */
  nearest(query: Float32Array, maxDistance: number, now: number): Nearest<V> | undefined {
    let best: PartitionEntry<V> | undefined;
    let limit = maxDistance;
    const entries = this.entries;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.expiresAt <= now) {
        this.remove(entry); // the last entry moves into i, and it was seen already (the scan goes backwards)
        continue;
      }
      if (entry.vector.length !== query.length) continue;
      const distance = distanceWithin(query, entry.vector, limit);
      if (distance <= limit) {
        best = entry;
        limit = distance;
        if (distance === 0) break;
      }
    }
    return best ? { entry: best, distance: limit } : undefined;
  }

  /** Removes the expired entries; returns how many went. */
  prune(now: number): number {
    let removed = 0;
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const entry = this.entries[i]!;
      if (entry.expiresAt <= now) {
        this.remove(entry);
        removed++;
      }
    }
    return removed;
  }

  /** Entries in no particular order (eviction, tests). */
  all(): readonly PartitionEntry<V>[] {
    return this.entries;
  }
}
