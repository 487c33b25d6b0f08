// The CounterStore contract against both implementations: the embedded one and Redis (real server, see redis-env.ts).

import { afterAll, describe } from 'vitest';
import { MemoryCounterStore } from '../../../src/stores/memory-counter-store.ts';
import type { RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { counterStoreContract } from './counter-store-contract.ts';
import { deleteKeysUnder, redisAnswers, redisUrl, runPrefix } from './redis-env.ts';

describe('CounterStore contract: MemoryCounterStore', () => {
  counterStoreContract(() => new MemoryCounterStore());
});

describe.runIf(redisAnswers)('CounterStore contract: RedisCounterStore', () => {
  const prefix = runPrefix('counter-contract');
  const opened: RedisStores[] = [];
  let n = 0;
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });
  counterStoreContract(async () => {
    const stores = await createRedisStores({ url: redisUrl, keyPrefix: `${prefix}${n++}:`, onUnavailable: 'closed' });
    opened.push(stores);
    return stores.counters;
  });
});
