// What every ConcurrencyStore must do, awaited so it runs against MemoryConcurrencyStore and RedisConcurrencyStore.

import { expect, it } from 'vitest';
import type { ConcurrencyStore } from '../../../src/stores/concurrency-store.ts';

export type ConcurrencyStoreFactory = () => ConcurrencyStore | Promise<ConcurrencyStore>;

export function concurrencyStoreContract(make: ConcurrencyStoreFactory): void {
  it('admits up to max per key, refuses at once beyond, and frees a slot on release', async () => {
    const store = await make();
    expect(await store.acquire('k', 2)).toBe(true);
    expect(await store.acquire('k', 2)).toBe(true);
    expect(await store.acquire('k', 2)).toBe(false);
    expect(await store.acquire('other', 2)).toBe(true);
    await store.release('k');
    expect(await store.acquire('k', 2)).toBe(true);
    expect(await store.acquire('k', 2)).toBe(false);
    await store.release('k');
    await store.release('k');
    await store.release('k'); // one too many: harmless
    expect(await store.acquire('k', 1)).toBe(true);
    expect(await store.acquire('k', 1)).toBe(false);
  });

  it('never admits more than max among simultaneous callers', async () => {
    const store = await make();
    const results = await Promise.all(Array.from({ length: 20 }, () => store.acquire('burst', 5)));
    expect(results.filter(Boolean)).toHaveLength(5);
  });
}
