// What every CounterStore must do, whatever holds the counts: the memory store's scenarios (from
// ../memory-counter-store.test.ts) and more, written against the interface and awaited, so the same cases run
// against MemoryCounterStore and RedisCounterStore (counter-store-contract.test.ts).

import { expect, it } from 'vitest';
import type { CounterStore } from '../../../src/stores/counter-store.ts';

/** Gives a store with no counts in it (a fresh instance, or a fresh key prefix). */
export type CounterStoreFactory = () => CounterStore | Promise<CounterStore>;

export function counterStoreContract(make: CounterStoreFactory): void {
  it('windowAdd restarts the count in a new window and respects modes', async () => {
    const store = await make();
    expect(await store.windowAdd('k', 0, 100, 2, 3, 'consume')).toEqual({ count: 2, fits: true });
    expect(await store.windowAdd('k', 0, 100, 2, 3, 'consume')).toEqual({ count: 2, fits: false });
    expect(await store.windowAdd('k', 0, 100, 2, 3, 'record')).toEqual({ count: 4, fits: false });
    expect(await store.windowAdd('k', 0, 100, 1, 3, 'peek')).toEqual({ count: 4, fits: false });
    expect(await store.windowAdd('k', 100, 200, 1, 3, 'peek')).toEqual({ count: 0, fits: true });
  });

  it('windowAdd keeps separate keys apart and handles calendar-sized windows and fractions', async () => {
    const store = await make();
    const start = Date.UTC(2026, 10, 1);
    const end = Date.UTC(2026, 11, 1);
    expect(await store.windowAdd('a', start, end, 1.5, 10, 'consume')).toEqual({ count: 1.5, fits: true });
    expect(await store.windowAdd('b', start, end, 10, 10, 'consume')).toEqual({ count: 10, fits: true });
    expect(await store.windowAdd('a', start, end, 0.25, 10, 'consume')).toEqual({ count: 1.75, fits: true });
    expect(await store.windowAdd('b', start, end, 1, 10, 'peek')).toEqual({ count: 10, fits: false });
  });

  it('slidingAdd merges near-simultaneous entries without letting them expire early', async () => {
    const store = await make();
    await store.slidingAdd('k', 0, 10_000, 1, 100, 'consume');
    await store.slidingAdd('k', 5, 10_000, 1, 100, 'consume'); // same 10 ms slot: merged, now stamped t=5
    expect((await store.slidingAdd('k', 10_000, 10_000, 0, 100, 'peek')).used).toBe(2);
    expect((await store.slidingAdd('k', 10_005, 10_000, 0, 100, 'peek')).used).toBe(0);
    await store.slidingAdd('k', 20_000, 10_000, 1, 100, 'consume');
    await store.slidingAdd('k', 20_010, 10_000, 1, 100, 'consume'); // next slot: its own entry
    expect((await store.slidingAdd('k', 30_000, 10_000, 0, 100, 'peek')).used).toBe(1);
  });

  it('slidingAdd refuses past the limit, records anyway on record, and says when the amount fits again', async () => {
    const store = await make();
    const t = 1_700_000_000_000;
    expect(await store.slidingAdd('k', t, 60_000, 40, 100, 'consume')).toEqual({ used: 40, fits: true, retryAfterMs: 0 });
    expect(await store.slidingAdd('k', t + 10_000, 60_000, 50, 100, 'consume')).toEqual({ used: 90, fits: true, retryAfterMs: 0 });
    // 30 more needs the first 40 gone: at t + 60 s, i.e. 40 s after t + 20 s.
    expect(await store.slidingAdd('k', t + 20_000, 60_000, 30, 100, 'consume')).toEqual({ used: 90, fits: false, retryAfterMs: 40_000 });
    // 60 more needs both entries gone: at t + 70 s.
    expect(await store.slidingAdd('k', t + 20_000, 60_000, 60, 100, 'peek')).toEqual({ used: 90, fits: false, retryAfterMs: 50_000 });
    // More than the limit never fits: the whole window.
    expect((await store.slidingAdd('k', t + 20_000, 60_000, 101, 100, 'peek')).retryAfterMs).toBe(60_000);
    expect(await store.slidingAdd('k', t + 20_000, 60_000, 30, 100, 'record')).toMatchObject({ used: 120, fits: false });
    expect((await store.slidingAdd('k', t + 60_000, 60_000, 0, 100, 'peek')).used).toBe(80);
    expect((await store.slidingAdd('k', t + 80_000, 60_000, 0, 100, 'peek')).used).toBe(0);
  });

  it('slidingAdd takes a negative record (an over-estimate given back)', async () => {
    const store = await make();
    await store.slidingAdd('k', 1000, 60_000, 500, 1000, 'consume');
    expect(await store.slidingAdd('k', 2000, 60_000, -200, 1000, 'record')).toEqual({ used: 300, fits: true, retryAfterMs: 0 });
    expect((await store.slidingAdd('k', 3000, 60_000, 700, 1000, 'consume')).fits).toBe(true);
  });

  it('bucketTake starts full, refills, and goes negative only on record', async () => {
    const store = await make();
    expect(await store.bucketTake('k', 0, 10, 0.001, 10, 'consume')).toEqual({ tokens: 0, fits: true });
    expect(await store.bucketTake('k', 0, 10, 0.001, 1, 'consume')).toEqual({ tokens: 0, fits: false });
    expect(await store.bucketTake('k', 0, 10, 0.001, 5, 'record')).toEqual({ tokens: -5, fits: false });
    expect(await store.bucketTake('k', 7000, 10, 0.001, 1, 'peek')).toEqual({ tokens: 2, fits: true });
  });

  it('bucketTake refills fractionally, caps at capacity, and ignores time going backwards', async () => {
    const store = await make();
    const t = 1_700_000_000_000;
    const rate = 1000 / 60_000; // 1000 tokens per minute
    expect(await store.bucketTake('k', t, 1000, rate, 900, 'consume')).toEqual({ tokens: 100, fits: true });
    const later = await store.bucketTake('k', t + 1500, 1000, rate, 0, 'peek');
    expect(later.tokens).toBeCloseTo(125, 9);
    expect(await store.bucketTake('k', t + 1000, 1000, rate, 0, 'peek')).toMatchObject({ tokens: later.tokens }); // an instance behind in time adds nothing
    expect(await store.bucketTake('k', t + 3_600_000, 1000, rate, 0, 'peek')).toEqual({ tokens: 1000, fits: true });
    expect(await store.bucketTake('k', t + 3_600_000, 1000, rate, 1001, 'consume')).toEqual({ tokens: 1000, fits: false });
  });
}
