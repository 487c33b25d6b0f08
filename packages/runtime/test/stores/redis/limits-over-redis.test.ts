// The runtime's limit algorithms (src/limits) over Redis, with two instances sharing one prefix: a limit taken on
// one instance is seen on the other, with the same decisions as over the memory store.

import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { enterConcurrency } from '../../../src/limits/concurrency.ts';
import { consumeRateLimit } from '../../../src/limits/rate-limit.ts';
import { slidingTokenLimiter, tokenBucketLimiter } from '../../../src/limits/token-limits.ts';
import { consumeTokenQuota, recordTokenQuota } from '../../../src/limits/token-quota.ts';
import type { RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { deleteKeysUnder, redisAnswers, redisUrl, runPrefix } from './redis-env.ts';

describe.runIf(redisAnswers)('limits over Redis, two instances', () => {
  const prefix = runPrefix('limits');
  const opened: RedisStores[] = [];
  let n = 0;
  const pair = async (clock: ManualClock): Promise<[RedisStores, RedisStores]> => {
    const keyPrefix = `${prefix}${n++}:`;
    const make = () => createRedisStores({ url: redisUrl, keyPrefix, clock, onUnavailable: 'closed', autoRenewLeases: false });
    const stores: [RedisStores, RedisStores] = [await make(), await make()];
    opened.push(...stores);
    return stores;
  };
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  for (const [name, make] of [['token bucket', tokenBucketLimiter], ['sliding window', slidingTokenLimiter]] as const) {
    it(`tokens-per-minute (${name}): overshoot on one instance refuses on the other until the window frees`, async () => {
      const clock = new ManualClock(1_000_000);
      const [a, b] = await pair(clock);
      const onA = make(a.counters, clock);
      const onB = make(b.counters, clock);
      expect((await onA.check('ip', 100)).allowed).toBe(true);
      expect((await onA.record('ip', 100, 60)).remaining).toBe(40);
      expect((await onB.check('ip', 100)).allowed).toBe(true);
      expect((await onB.record('ip', 100, 70)).remaining).toBe(0);
      const refused = await onA.check('ip', 100);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
      clock.advance(refused.retryAfterSeconds * 1000);
      expect((await onB.check('ip', 100)).allowed).toBe(true);
    });
  }

  it('rate-limit-by-key calls are shared, with retry-after from the oldest call', async () => {
    const clock = new ManualClock(0);
    const [a, b] = await pair(clock);
    const spec = { calls: 3, renewalPeriodSeconds: 10 };
    expect((await consumeRateLimit(a.counters, clock, 'k', spec)).remaining).toBe(2);
    clock.advance(2000);
    expect((await consumeRateLimit(b.counters, clock, 'k', spec)).remaining).toBe(1);
    expect((await consumeRateLimit(a.counters, clock, 'k', spec)).remaining).toBe(0);
    const refused = await consumeRateLimit(b.counters, clock, 'k', spec);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 8 });
  });

  it('token quota per calendar month is shared and renews with the month', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 30, 23, 0));
    const [a, b] = await pair(clock);
    expect((await consumeTokenQuota(a.counters, clock, 'sub', 1000, 'Monthly', 900)).remaining).toBe(100);
    expect((await recordTokenQuota(b.counters, clock, 'sub', 1000, 'Monthly', 300)).remaining).toBe(0);
    const refused = await consumeTokenQuota(a.counters, clock, 'sub', 1000, 'Monthly', 1);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 3600 });
    clock.set(Date.UTC(2026, 11, 1));
    expect((await consumeTokenQuota(b.counters, clock, 'sub', 1000, 'Monthly', 1)).remaining).toBe(999);
  });

  it('limit-concurrency slots are shared', async () => {
    const [a, b] = await pair(new ManualClock(0));
    const release = await enterConcurrency(a.concurrency, 'backend', 1);
    expect(release).toBeTypeOf('function');
    expect(await enterConcurrency(b.concurrency, 'backend', 1)).toBeUndefined();
    await release!();
    expect(await enterConcurrency(b.concurrency, 'backend', 1)).toBeTypeOf('function');
  });
});
