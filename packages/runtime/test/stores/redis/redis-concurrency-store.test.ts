// Leases: slots held by an instance that died free themselves after the lease; a live instance renews its own.

import { afterAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { deleteKeysUnder, keysUnder, redisAnswers, redisCommand, redisUrl, runPrefix } from './redis-env.ts';

describe.runIf(redisAnswers)('RedisConcurrencyStore', () => {
  const prefix = runPrefix('concurrency');
  const opened: RedisStores[] = [];
  let n = 0;
  const open = async (keyPrefix: string, clock: ManualClock, autoRenewLeases = false): Promise<RedisStores> => {
    const stores = await createRedisStores({ url: redisUrl, keyPrefix, clock, concurrencyLeaseMs: 30_000, autoRenewLeases, onUnavailable: 'closed' });
    opened.push(stores);
    return stores;
  };
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  it('shares slots between instances; those of an instance that stopped free themselves after the lease', async () => {
    const keyPrefix = `${prefix}${n++}:`;
    const clock = new ManualClock(1_700_000_000_000);
    const crashed = await open(keyPrefix, clock);
    const alive = await open(keyPrefix, clock);
    expect(await crashed.concurrency.acquire('backend', 2)).toBe(true);
    expect(await alive.concurrency.acquire('backend', 2)).toBe(true);
    expect(await alive.concurrency.acquire('backend', 2)).toBe(false);
    await crashed.close(); // never releases
    clock.advance(29_999);
    expect(await alive.concurrency.acquire('backend', 2)).toBe(false);
    await alive.concurrency.renew(); // alive keeps its own slot
    clock.advance(1);
    expect(await alive.concurrency.acquire('backend', 2)).toBe(true); // the crashed one's lease ran out
    expect(await alive.concurrency.acquire('backend', 2)).toBe(false);
    expect(alive.concurrency.heldBy('backend')).toBe(2);
  });

  it('renewal keeps a long request in its slot; without it the slot would lapse', async () => {
    const keyPrefix = `${prefix}${n++}:`;
    const clock = new ManualClock(0);
    const a = await open(keyPrefix, clock);
    const b = await open(keyPrefix, clock);
    expect(await a.concurrency.acquire('stream', 1)).toBe(true);
    for (let i = 0; i < 10; i++) {
      clock.advance(10_000);
      await a.concurrency.renew(); // what the timer does every leaseMs / 3
      expect(await b.concurrency.acquire('stream', 1)).toBe(false);
    }
    await a.concurrency.release('stream');
    expect(a.concurrency.heldBy('stream')).toBe(0);
    expect(await b.concurrency.acquire('stream', 1)).toBe(true);
    await b.concurrency.release('stream');
    expect(await redisCommand(['ZCARD', `${keyPrefix}concurrency:stream`])).toBe(0);
  });

  it('the lease set expires in Redis too, a little after the lease', async () => {
    const keyPrefix = `${prefix}${n++}:`;
    const stores = await open(keyPrefix, new ManualClock(0));
    await stores.concurrency.acquire('k', 3);
    const keys = await keysUnder(keyPrefix);
    expect(keys).toEqual([`${keyPrefix}concurrency:k`]);
    const ttl = Number(await redisCommand(['PTTL', keys[0]!]));
    expect(ttl).toBeGreaterThan(30_000);
    expect(ttl).toBeLessThanOrEqual(31_000);
  });

  it('renews on its own timer every leaseMs / 3', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] }); // only the renewal timer; Redis I/O stays real
    try {
      const keyPrefix = `${prefix}${n++}:`;
      const clock = new ManualClock(0);
      const stores = await open(keyPrefix, clock, true);
      expect(await stores.concurrency.acquire('k', 1)).toBe(true);
      const score = async () => Number(((await redisCommand(['ZRANGE', `${keyPrefix}concurrency:k`, '0', '-1', 'WITHSCORES'])) as string[])[1]);
      expect(await score()).toBe(30_000);
      clock.advance(10_000);
      vi.advanceTimersByTime(10_000);
      for (let i = 0; i < 20 && (await score()) !== 40_000; i++) await stores.connection.send(['PING']); // let the renewal land
      expect(await score()).toBe(40_000);
    } finally {
      vi.useRealTimers();
    }
  });
});
