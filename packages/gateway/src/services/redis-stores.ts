// The runtime's Redis-backed stores (shared counters across gateway instances).
export { createRedisStores } from '@apimx/runtime';
export type { RedisStores } from '@apimx/runtime';
