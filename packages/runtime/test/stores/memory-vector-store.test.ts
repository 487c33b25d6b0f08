// The embedded vector store: the VectorStore contract, and its own bounds (entries, bytes) and eviction order.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { MemoryVectorStore } from '../../src/stores/memory-vector-store.ts';
import { distanceWithin, unitVector } from '../../src/stores/vector-math.ts';
import { angled, vectorStoreContract } from './redis/vector-store-contract.ts';

describe('VectorStore contract: MemoryVectorStore', () => {
  vectorStoreContract((clock) => new MemoryVectorStore({ clock }));
});

describe('MemoryVectorStore bounds', () => {
  it('past maxEntries drops expired entries first, then the oldest', () => {
    const clock = new ManualClock(0);
    const store = new MemoryVectorStore({ clock, maxEntries: 3 });
    store.add('p', 'short', angled(0), 'short', 1);
    store.add('p', 'old', angled(30), 'old', 60);
    store.add('q', 'mid', angled(60), 'mid', 60);
    clock.advanceSeconds(2);
    store.add('q', 'new', angled(90), 'new', 60);
    expect(store.size).toBe(3);
    expect(store.nearest('p', angled(30), 0)?.value).toBe('old');
    store.add('p', 'newest', angled(120), 'newest', 60);
    expect(store.size).toBe(3);
    expect(store.nearest('p', angled(30), 0.01)).toBeUndefined();
    expect(store.nearest('q', angled(60), 0.01)?.value).toBe('mid');
    expect(store.nearest('p', angled(120), 0.01)?.value).toBe('newest');
  });

  it('counts the bytes of vectors and values, and gives them back when entries go', () => {
    const clock = new ManualClock(0);
    const store = new MemoryVectorStore({ clock, maxBytes: 3000 });
    store.add('p', 'a', angled(0, 256), 'x'.repeat(100), 60); // 1 KiB of vector + ~300 bytes
    const one = store.byteSize;
    expect(one).toBeGreaterThan(1024 + 200);
    store.add('p', 'b', angled(10, 256), 'x'.repeat(100), 60);
    store.add('p', 'c', angled(20, 256), 'x'.repeat(100), 60);
    expect(store.size).toBe(2);
    expect(store.byteSize).toBeLessThanOrEqual(3000);
    store.add('p', 'c', angled(20, 256), 'x'.repeat(100), 60); // a replacement adds nothing
    expect(store.size).toBe(2);
    expect(store.byteSize).toBe(2 * one);
    // Too big for the store at all: not kept.
    store.add('p', 'huge', angled(0, 2048), 'x', 60);
    expect(store.nearest('p', angled(0, 2048), 0)).toBeUndefined();
  });
});

describe('vector math', () => {
  it('distanceWithin is the cosine distance of unit vectors, or Infinity past the limit', () => {
    const a = unitVector([1, 2, 3, 4])!;
    const b = unitVector([4, 3, 2, 1])!;
    const cos = (1 * 4 + 2 * 3 + 3 * 2 + 4 * 1) / 30;
    expect(distanceWithin(a, b, 1)).toBeCloseTo(1 - cos, 6);
    expect(distanceWithin(a, b, (1 - cos) * 0.99)).toBe(Infinity);
    expect(unitVector([0, 0])).toBeNull();
    expect(unitVector([Number.NaN, 1])).toBeNull();
  });
});
