// What every VectorStore must do, awaited so it runs against MemoryVectorStore and RedisVectorStore alike.

import { expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { VectorStore } from '../../../src/stores/vector-store.ts';

/** Gives an empty store whose expiry follows `clock`. */
export type VectorStoreFactory = (clock: ManualClock) => VectorStore | Promise<VectorStore>;

/** A unit vector at `degrees` from the x axis in the xy plane, in `width` dimensions. */
export function angled(degrees: number, width = 8): Float32Array {
  const v = new Float32Array(width);
  v[0] = Math.cos((degrees * Math.PI) / 180);
  v[1] = Math.sin((degrees * Math.PI) / 180);
  return v;
}

/** Cosine distance of two vectors `degrees` apart. */
export const distanceAt = (degrees: number): number => 1 - Math.cos((degrees * Math.PI) / 180);

export function vectorStoreContract(make: VectorStoreFactory): void {
  it('finds the nearest entry within the distance, never one beyond it', async () => {
    const store = await make(new ManualClock(0));
    await store.add('p', 'a', angled(0), 'at 0°', 60);
    await store.add('p', 'b', angled(40), 'at 40°', 60);
    const near = await store.nearest('p', angled(10), 0.1);
    expect(near?.value).toBe('at 0°');
    expect(near?.distance).toBeCloseTo(distanceAt(10), 5);
    expect((await store.nearest('p', angled(30), 0.1))?.value).toBe('at 40°');
    // 20° from both: the closer one (a tie goes either way, so not at exactly 20°).
    expect((await store.nearest('p', angled(19), 0.2))?.value).toBe('at 0°');
    expect((await store.nearest('p', angled(21), 0.2))?.value).toBe('at 40°');
    // Nothing within 0.01 of 90°.
    expect(await store.nearest('p', angled(90), 0.01)).toBeUndefined();
    // The distance is a limit: just inside hits, just outside misses.
    expect((await store.nearest('p', angled(-10), distanceAt(10) + 1e-6))?.value).toBe('at 0°');
    expect(await store.nearest('p', angled(-10), distanceAt(10) - 1e-4)).toBeUndefined();
  });

  it('compares directions, not lengths: vectors need not be unit length', async () => {
    const store = await make(new ManualClock(0));
    const long = angled(0).map((x) => x * 50);
    await store.add('p', 'a', long, 'long', 60);
    const match = await store.nearest('p', angled(0).map((x) => x * 0.01), 0);
    expect(match?.value).toBe('long');
    expect(match?.distance).toBeCloseTo(0, 6);
    // A zero vector has no direction: never stored, never found.
    await store.add('p', 'zero', new Float32Array(8), 'zero', 60);
    expect(await store.nearest('p', new Float32Array(8), 2)).toBeUndefined();
  });

  it('keeps partitions apart and entries of another width apart', async () => {
    const store = await make(new ManualClock(0));
    await store.add('team-a', 'k', angled(0), 'a', 60);
    await store.add('team-b', 'k', angled(0), 'b', 60);
    await store.add('team-c', 'k', angled(0, 16), 'wide', 60);
    expect((await store.nearest('team-a', angled(0), 0))?.value).toBe('a');
    expect((await store.nearest('team-b', angled(0), 0))?.value).toBe('b');
    expect(await store.nearest('team-c', angled(0, 8), 2)).toBeUndefined();
    expect((await store.nearest('team-c', angled(0, 16), 0))?.value).toBe('wide');
    expect(await store.nearest('team-d', angled(0), 2)).toBeUndefined();
  });

  it('replaces the entry under the same key', async () => {
    const store = await make(new ManualClock(0));
    await store.add('p', 'k', angled(0), 'first', 60);
    await store.add('p', 'k', angled(90), 'second', 60);
    expect(await store.nearest('p', angled(0), 0.1)).toBeUndefined();
    expect((await store.nearest('p', angled(90), 0.1))?.value).toBe('second');
  });

  it('forgets an entry when its TTL has passed on the injected clock', async () => {
    const clock = new ManualClock(1_000);
    const store = await make(clock);
    await store.add('p', 'short', angled(0), 'short', 10);
    await store.add('p', 'long', angled(5), 'long', 30);
    expect((await store.nearest('p', angled(0), 0.1))?.value).toBe('short');
    clock.advanceSeconds(10);
    expect((await store.nearest('p', angled(0), 0.1))?.value).toBe('long');
    clock.advanceSeconds(20);
    expect(await store.nearest('p', angled(0), 0.1)).toBeUndefined();
    // A non-positive TTL stores nothing.
    await store.add('p', 'none', angled(0), 'none', 0);
    expect(await store.nearest('p', angled(0), 0.1)).toBeUndefined();
    // The partition lives again after it emptied.
    await store.add('p', 'again', angled(0), 'again', 10);
    expect((await store.nearest('p', angled(0), 0.1))?.value).toBe('again');
  });

  it('keeps values of every cache kind, bytes included', async () => {
    const store = await make(new ManualClock(0));
    const value = { status: 200, headers: [['Content-Type', ['application/json']]], body: new Uint8Array([123, 125]) };
    await store.add('p', 'k', angled(0), value, 60);
    expect((await store.nearest('p', angled(0), 0))?.value).toEqual(value);
  });
}
