import { describe, expect, it } from 'vitest';
import { enterConcurrency } from '../../src/limits/concurrency.ts';
import type { ReleaseSlot } from '../../src/limits/concurrency.ts';
import { MemoryConcurrencyStore } from '../../src/stores/memory-concurrency-store.ts';

const sync = (r: ReleaseSlot | undefined | Promise<ReleaseSlot | undefined>) => r as ReleaseSlot | undefined;

describe('limit-concurrency (T23)', () => {
  it('admits max-count requests, refuses the next at once, and admits again after a release', () => {
    const store = new MemoryConcurrencyStore();
    const slots = [1, 2, 3].map(() => sync(enterConcurrency(store, 'conn', 3)));
    expect(slots.every((s) => typeof s === 'function')).toBe(true);
    expect(sync(enterConcurrency(store, 'conn', 3))).toBeUndefined();
    expect(sync(enterConcurrency(store, 'other', 3))).toBeTypeOf('function');
    slots[0]!();
    expect(store.inFlight('conn')).toBe(2);
    expect(sync(enterConcurrency(store, 'conn', 3))).toBeTypeOf('function');
  });

  it('releasing twice gives back one slot only', () => {
    const store = new MemoryConcurrencyStore();
    const a = sync(enterConcurrency(store, 'k', 2))!;
    sync(enterConcurrency(store, 'k', 2));
    a();
    a();
    expect(store.inFlight('k')).toBe(1);
  });

  it('max-count 0 refuses everything', () => {
    expect(sync(enterConcurrency(new MemoryConcurrencyStore(), 'k', 0))).toBeUndefined();
  });
});
