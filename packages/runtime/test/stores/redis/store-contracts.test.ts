// The CacheStore, ConcurrencyStore and VectorStore contracts against the embedded stores and the Redis ones.

import { afterAll, describe } from 'vitest';
import { MemoryCacheStore } from '../../../src/stores/memory-cache-store.ts';
import { MemoryConcurrencyStore } from '../../../src/stores/memory-concurrency-store.ts';
import type { RedisStores, RedisStoresOptions } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { cacheStoreContract } from './cache-store-contract.ts';
import { concurrencyStoreContract } from './concurrency-store-contract.ts';
import { vectorStoreContract } from './vector-store-contract.ts';
import { deleteKeysUnder, redisAnswers, redisUrl, runPrefix } from './redis-env.ts';

describe('CacheStore contract: MemoryCacheStore', () => {
  cacheStoreContract((clock) => new MemoryCacheStore({ clock }));
});

describe('ConcurrencyStore contract: MemoryConcurrencyStore', () => {
  concurrencyStoreContract(() => new MemoryConcurrencyStore());
});

describe.runIf(redisAnswers)('Redis store contracts', () => {
  const prefix = runPrefix('store-contracts');
  const opened: RedisStores[] = [];
  let n = 0;
  const open = async (options: Partial<RedisStoresOptions> = {}): Promise<RedisStores> => {
    const stores = await createRedisStores({ url: redisUrl, keyPrefix: `${prefix}${n++}:`, onUnavailable: 'closed', ...options });
    opened.push(stores);
    return stores;
  };
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  describe('CacheStore contract: RedisCacheStore', () => {
    cacheStoreContract(async (clock) => (await open({ clock })).cache);
  });

  describe('ConcurrencyStore contract: RedisConcurrencyStore', () => {
    concurrencyStoreContract(async () => (await open({ autoRenewLeases: false })).concurrency);
  });

  describe('VectorStore contract: RedisVectorStore', () => {
    vectorStoreContract(async (clock) => (await open({ clock, autoRenewLeases: false })).vectors);
  });
});
