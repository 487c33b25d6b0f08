// Redis-only properties of the vector store: instances share entries (each searching its own copy, brought up to
// date incrementally), Redis removes a partition at its longest TTL, an entry Redis lost is never served, and a
// partition made anew after expiring is picked up whole.

import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { angled } from './vector-store-contract.ts';
import { deleteKeysUnder, keysUnder, redisAnswers, redisCommand, redisUrl, runPrefix } from './redis-env.ts';

describe.runIf(redisAnswers)('RedisVectorStore', () => {
  const prefix = runPrefix('vectors');
  const opened: RedisStores[] = [];
  let n = 0;
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  async function instances(clock: ManualClock, count = 2): Promise<RedisStores[]> {
    const keyPrefix = `${prefix}${n++}:`;
    const made: RedisStores[] = [];
    for (let i = 0; i < count; i++) made.push(await createRedisStores({ url: redisUrl, keyPrefix, clock, autoRenewLeases: false }));
    opened.push(...made);
    return made;
  }

  it('is shared by instances: what one adds the other finds, including later additions to a partition it has copied', async () => {
    const clock = new ManualClock(1_000);
    const [a, b] = await instances(clock);
    await a!.vectors.add('sub-1', 'k1', angled(0), { answer: 1 }, 60);
    expect((await b!.vectors.nearest('sub-1', angled(5), 0.01))?.value).toEqual({ answer: 1 });
    await a!.vectors.add('sub-1', 'k2', angled(90), { answer: 2 }, 60);
    expect((await b!.vectors.nearest('sub-1', angled(85), 0.01))?.value).toEqual({ answer: 2 });
    // A replacement reaches the copy too.
    await b!.vectors.add('sub-1', 'k1', angled(45), { answer: 3 }, 60);
    expect(await a!.vectors.nearest('sub-1', angled(0), 0.01)).toBeUndefined();
    expect((await a!.vectors.nearest('sub-1', angled(45), 0.01))?.value).toEqual({ answer: 3 });
    expect(a!.vectors.copiedPartitions).toBe(1);
  });

  it('gives every key of a partition a Redis TTL as long as its longest-living entry, and removes expired entries when adding', async () => {
    const clock = new ManualClock(1_000);
    const [a] = await instances(clock, 1);
    const keyPrefix = `${prefix}${n - 1}:`;
    await a!.vectors.add('p', 'short', angled(0), 's', 10);
    await a!.vectors.add('p', 'long', angled(90), 'l', 120);
    const keys = await keysUnder(keyPrefix);
    expect(keys.map((k) => k.slice(keyPrefix.length).replace(/\{[0-9a-f]{40}\}/, '{h}')).sort()).toEqual(['vec:{h}:exp', 'vec:{h}:log', 'vec:{h}:meta', 'vec:{h}:val', 'vec:{h}:vec']);
    for (const key of keys) {
      const ttl = Number(await redisCommand(['PTTL', key]));
      expect(ttl).toBeGreaterThan(119_000);
      expect(ttl).toBeLessThanOrEqual(120_000);
    }
    const vecKey = keys.find((k) => k.endsWith(':vec'))!;
    expect(await redisCommand(['HLEN', vecKey])).toBe(2);
    clock.advanceSeconds(11);
    await a!.vectors.add('p', 'other', angled(45), 'o', 60);
    expect(((await redisCommand(['HKEYS', vecKey])) as string[]).sort()).toEqual(['long', 'other']);
  });

  it('never serves an entry whose value Redis no longer has', async () => {
    const clock = new ManualClock(1_000);
    const [a, b] = await instances(clock);
    const keyPrefix = `${prefix}${n - 1}:`;
    await a!.vectors.add('p', 'k', angled(0), 'v', 60);
    await a!.vectors.add('p', 'next', angled(20), 'next', 60);
    expect((await b!.vectors.nearest('p', angled(0), 0.5))?.value).toBe('v');
    const valKey = (await keysUnder(keyPrefix)).find((k) => k.endsWith(':val'))!;
    await redisCommand(['HDEL', valKey, 'k']); // as if evicted
    // The copy still has the vector; the value is gone, so the next-nearest live entry answers.
    expect((await b!.vectors.nearest('p', angled(0), 0.5))?.value).toBe('next');
  });

  it('picks up a partition made anew after it expired as a whole', async () => {
    const clock = new ManualClock(1_000);
    const [a, b] = await instances(clock);
    const keyPrefix = `${prefix}${n - 1}:`;
    await a!.vectors.add('p', 'k', angled(0), 'old', 60);
    expect((await b!.vectors.nearest('p', angled(0), 0.01))?.value).toBe('old');
    // Redis expires the partition (simulated by deleting its keys); then new entries start over at seq 1.
    for (const key of await keysUnder(keyPrefix)) await redisCommand(['DEL', key]);
    expect(await b!.vectors.nearest('p', angled(0), 0.01)).toBeUndefined();
    expect(b!.vectors.copiedPartitions).toBe(0);
    await a!.vectors.add('p', 'k', angled(0), 'new', 60);
    expect((await b!.vectors.nearest('p', angled(0), 0.01))?.value).toBe('new');
  });
});

describe.runIf(redisAnswers)('RedisVectorStore copies a large partition a page at a time', () => {
  const prefix = runPrefix('vectors-pages');
  const opened: RedisStores[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  it('the first lookup searches the first page; the rest is copied in the background, then found', async () => {
    const clock = new ManualClock(1_000);
    const [a, b] = [await createRedisStores({ url: redisUrl, keyPrefix: prefix, clock, autoRenewLeases: false }), await createRedisStores({ url: redisUrl, keyPrefix: prefix, clock, autoRenewLeases: false })];
    opened.push(a, b);
    for (let i = 0; i < 300; i++) await a.vectors.add('big', `k${i}`, angled(i * 0.3), i, 60);
    // Entry 0 is in the first page (128 entries), entry 299 in the third.
    expect((await b.vectors.nearest('big', angled(0), 1e-6))?.value).toBe(0);
    expect(await b.vectors.nearest('big', angled(299 * 0.3), 1e-6)).toBeUndefined();
    await b.vectors.settled();
    expect((await b.vectors.nearest('big', angled(299 * 0.3), 1e-6))?.value).toBe(299);
    // Concurrent lookups of a partition share one sync.
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => b.vectors.nearest('big', angled(i * 0.3), 1e-6)));
    expect(results.map((r) => r?.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
