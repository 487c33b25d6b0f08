// The embedded ConcurrencyStore: a count per key, removed when it drops to zero.

import type { ConcurrencyStore } from './concurrency-store.ts';

export class MemoryConcurrencyStore implements ConcurrencyStore {
  private readonly held = new Map<string, number>();

  acquire(key: string, max: number): boolean {
    const count = this.held.get(key) ?? 0;
    if (count >= max) return false;
    this.held.set(key, count + 1);
    return true;
  }

  release(key: string): void {
    const count = this.held.get(key);
    if (count === undefined) return;
    if (count <= 1) this.held.delete(key);
    else this.held.set(key, count - 1);
  }

  /** Slots held for `key` (for tests and diagnostics). */
  inFlight(key: string): number {
    return this.held.get(key) ?? 0;
  }
}
