import { describe, expect, it } from 'vitest';
import { MemoryCounterStore } from '../../src/stores/memory-counter-store.ts';

describe('MemoryCounterStore', () => {
  it('windowAdd restarts the count in a new window and respects modes', () => {
    const store = new MemoryCounterStore();
    expect(store.windowAdd('k', 0, 100, 2, 3, 'consume')).toEqual({ count: 2, fits: true });
    expect(store.windowAdd('k', 0, 100, 2, 3, 'consume')).toEqual({ count: 2, fits: false });
    expect(store.windowAdd('k', 0, 100, 2, 3, 'record')).toEqual({ count: 4, fits: false });
    expect(store.windowAdd('k', 0, 100, 1, 3, 'peek')).toEqual({ count: 4, fits: false });
    expect(store.windowAdd('k', 100, 200, 1, 3, 'peek')).toEqual({ count: 0, fits: true });
  });

  it('slidingAdd merges near-simultaneous entries without letting them expire early', () => {
    const store = new MemoryCounterStore();
    store.slidingAdd('k', 0, 10_000, 1, 100, 'consume');
    store.slidingAdd('k', 5, 10_000, 1, 100, 'consume'); // same 10 ms slot: merged, now stamped t=5
    expect(store.slidingAdd('k', 10_000, 10_000, 0, 100, 'peek').used).toBe(2);
    expect(store.slidingAdd('k', 10_005, 10_000, 0, 100, 'peek').used).toBe(0);
    store.slidingAdd('k', 20_000, 10_000, 1, 100, 'consume');
    store.slidingAdd('k', 20_010, 10_000, 1, 100, 'consume'); // next slot: its own entry
    expect(store.slidingAdd('k', 30_000, 10_000, 0, 100, 'peek').used).toBe(1);
  });

  it('sweeps windows, logs and full buckets that no longer matter', () => {
    const store = new MemoryCounterStore();
    for (let i = 0; i < 600; i++) {
      store.windowAdd(`w${i}`, 0, 1000, 1, 10, 'consume');
      store.slidingAdd(`s${i}`, 0, 1000, 1, 10, 'consume');
      store.bucketTake(`b${i}`, 0, 10, 0.01, 1, 'consume');
    }
    expect(store.size).toBe(1800);
    store.sweep(1000);
    expect(store.size).toBe(0);
  });

  it('bucketTake starts full, refills, and goes negative only on record', () => {
    const store = new MemoryCounterStore();
    expect(store.bucketTake('k', 0, 10, 0.001, 10, 'consume')).toEqual({ tokens: 0, fits: true });
    expect(store.bucketTake('k', 0, 10, 0.001, 1, 'consume')).toEqual({ tokens: 0, fits: false });
    expect(store.bucketTake('k', 0, 10, 0.001, 5, 'record')).toEqual({ tokens: -5, fits: false });
    expect(store.bucketTake('k', 7000, 10, 0.001, 1, 'peek')).toEqual({ tokens: 2, fits: true });
  });
});
