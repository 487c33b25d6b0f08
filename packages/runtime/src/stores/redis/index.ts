// Redis-backed stores for several apimx instances sharing limits, cache and concurrency slots.

export { createRedisStores } from './create-redis-stores.ts';
export type { RedisStores, RedisStoresOptions } from './create-redis-stores.ts';
export { RedisCounterStore } from './redis-counter-store.ts';
export { RedisCacheStore } from './redis-cache-store.ts';
export { RedisConcurrencyStore } from './redis-concurrency-store.ts';
export { RedisVectorStore } from './redis-vector-store.ts';
export { RedisConnection } from './redis-connection.ts';
export type { RedisConnectionOptions, StoreLogger, UnavailablePolicy } from './redis-connection.ts';
export { StoreUnavailableError, isStoreUnavailable } from './store-unavailable-error.ts';
