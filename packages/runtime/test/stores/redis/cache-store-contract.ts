// What every CacheStore must do (the memory cache's scenarios from ../memory-cache-store.test.ts that are not about
// its own eviction), awaited so they run against MemoryCacheStore and RedisCacheStore alike.

import { expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { CacheStore } from '../../../src/stores/cache-store.ts';

/** Gives an empty store whose expiry follows `clock`. */
export type CacheStoreFactory = (clock: ManualClock) => CacheStore | Promise<CacheStore>;

export function cacheStoreContract(make: CacheStoreFactory): void {
  it('stores values and bytes with a TTL in seconds', async () => {
    const clock = new ManualClock(0);
    const cache = await make(clock);
    await cache.set('s', 'text', 10);
    await cache.set('b', new Uint8Array([1, 2, 3]), 10);
    await cache.set('o', { a: [1, 2] }, 5);
    expect(await cache.get('s')).toBe('text');
    expect(await cache.get('b')).toEqual(new Uint8Array([1, 2, 3]));
    expect(await cache.get('o')).toEqual({ a: [1, 2] });
    clock.advance(5000);
    expect(await cache.get('o')).toBeUndefined();
    expect(await cache.get('s')).toBe('text');
    clock.advance(5000);
    expect(await cache.get('s')).toBeUndefined();
  });

  it('stores falsy values and tells them from a miss', async () => {
    const cache = await make(new ManualClock(0));
    await cache.set('zero', 0, 1);
    await cache.set('empty', '', 1);
    await cache.set('null', null, 1);
    await cache.set('false', false, 1);
    expect(await cache.get('zero')).toBe(0);
    expect(await cache.get('empty')).toBe('');
    expect(await cache.get('null')).toBeNull();
    expect(await cache.get('false')).toBe(false);
    expect(await cache.get('absent')).toBeUndefined();
  });

  it('remove reports whether a live entry went; a non-positive TTL removes', async () => {
    const clock = new ManualClock(0);
    const cache = await make(clock);
    await cache.set('k', 1, 1);
    expect(await cache.remove('k')).toBe(true);
    expect(await cache.remove('k')).toBe(false);
    await cache.set('k', 1, 1);
    await cache.set('k', 2, 0);
    expect(await cache.get('k')).toBeUndefined();
    await cache.set('e', 1, 1);
    clock.advance(1000);
    expect(await cache.remove('e')).toBe(false);
  });

  it('keeps bytes as bytes, also inside objects and arrays, and overwrites', async () => {
    const cache = await make(new ManualClock(0));
    const body = new TextEncoder().encode('{"choices":[]}');
    await cache.set('nested', { status: 200, body, parts: [new Uint8Array([0, 255])] }, 60);
    const got = (await cache.get('nested')) as { status: number; body: Uint8Array; parts: Uint8Array[] };
    expect(got.status).toBe(200);
    expect(got.body).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(got.body)).toBe('{"choices":[]}');
    expect(got.parts[0]).toEqual(new Uint8Array([0, 255]));
    await cache.set('nested', 'replaced', 60);
    expect(await cache.get('nested')).toBe('replaced');
    await cache.set('unicode', 'naïve ☕ 日本', 60);
    expect(await cache.get('unicode')).toBe('naïve ☕ 日本');
  });
}
