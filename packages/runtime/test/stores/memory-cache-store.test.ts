import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { MemoryCacheStore } from '../../src/stores/memory-cache-store.ts';

describe('MemoryCacheStore', () => {
  it('stores values and bytes with a TTL in seconds', () => {
    const clock = new ManualClock(0);
    const cache = new MemoryCacheStore({ clock });
    cache.set('s', 'text', 10);
    cache.set('b', new Uint8Array([1, 2, 3]), 10);
    cache.set('o', { a: [1, 2] }, 5);
    expect(cache.get('s')).toBe('text');
    expect(cache.get('b')).toEqual(new Uint8Array([1, 2, 3]));
    expect(cache.get('o')).toEqual({ a: [1, 2] });
    clock.advance(5000);
    expect(cache.get('o')).toBeUndefined();
    expect(cache.get('s')).toBe('text');
    clock.advance(5000);
    expect(cache.get('s')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('stores falsy values and tells them from a miss', () => {
    const cache = new MemoryCacheStore({ clock: new ManualClock(0) });
    cache.set('zero', 0, 1);
    cache.set('empty', '', 1);
    cache.set('null', null, 1);
    expect(cache.get('zero')).toBe(0);
    expect(cache.get('empty')).toBe('');
    expect(cache.get('null')).toBeNull();
    expect(cache.get('absent')).toBeUndefined();
  });

  it('remove reports whether a live entry went; a non-positive TTL removes', () => {
    const clock = new ManualClock(0);
    const cache = new MemoryCacheStore({ clock });
    cache.set('k', 1, 1);
    expect(cache.remove('k')).toBe(true);
    expect(cache.remove('k')).toBe(false);
    cache.set('k', 1, 1);
    cache.set('k', 2, 0);
    expect(cache.get('k')).toBeUndefined();
    cache.set('e', 1, 1);
    clock.advance(1000);
    expect(cache.remove('e')).toBe(false);
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new MemoryCacheStore({ clock: new ManualClock(0), maxEntries: 3 });
    cache.set('a', 1, 60);
    cache.set('b', 2, 60);
    cache.set('c', 3, 60);
    cache.get('a'); // a is now the most recent
    cache.set('d', 4, 60);
    expect(cache.get('b')).toBeUndefined();
    expect([cache.get('a'), cache.get('c'), cache.get('d')]).toEqual([1, 3, 4]);
  });

  it('evicts expired entries before live ones, and bounds bytes', () => {
    const clock = new ManualClock(0);
    const cache = new MemoryCacheStore({ clock, maxEntries: 2 });
    cache.set('old', 1, 60);
    cache.set('short', 2, 1);
    clock.advance(2000);
    cache.set('new', 3, 60);
    expect(cache.get('old')).toBe(1);
    const small = new MemoryCacheStore({ clock, maxBytes: 10_000 });
    for (let i = 0; i < 10; i++) small.set(`k${i}`, new Uint8Array(2000), 60);
    expect(small.byteSize).toBeLessThanOrEqual(10_000);
    expect(small.get('k9')).toBeInstanceOf(Uint8Array);
    expect(small.get('k0')).toBeUndefined();
    small.set('huge', new Uint8Array(20_000), 60);
    expect(small.get('huge')).toBeUndefined();
    expect(small.get('k9')).toBeInstanceOf(Uint8Array);
  });
});
