// Redis-only properties of the cache: shared by instances, removed by Redis itself at the TTL, stored as tagged JSON.

import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { deleteKeysUnder, redisAnswers, redisCommand, redisUrl, runPrefix } from './redis-env.ts';

describe.runIf(redisAnswers)('RedisCacheStore', () => {
  const prefix = runPrefix('cache');
  const opened: RedisStores[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  it('is shared by instances, with a Redis TTL equal to the entry TTL and the value as tagged JSON', async () => {
    const clock = new ManualClock(1_000);
    for (let i = 0; i < 2; i++) opened.push(await createRedisStores({ url: redisUrl, keyPrefix: prefix, clock, autoRenewLeases: false }));
    const [a, b] = opened as [RedisStores, RedisStores];
    await a.cache.set('answer', { tokens: 42, raw: new Uint8Array([1, 2]) }, 90);
    expect(await b.cache.get('answer')).toEqual({ tokens: 42, raw: new Uint8Array([1, 2]) });
    const ttl = Number(await redisCommand(['PTTL', `${prefix}cache:answer`]));
    expect(ttl).toBeGreaterThan(89_000);
    expect(ttl).toBeLessThanOrEqual(90_000);
    expect(JSON.parse(String(await redisCommand(['GET', `${prefix}cache:answer`])))).toEqual({ e: 91_000, t: 'j', v: { tokens: 42, raw: { '\u0000bytes': 'AQI=' } } });
    expect(await b.cache.remove('answer')).toBe(true);
    expect(await a.cache.get('answer')).toBeUndefined();
  });
});
