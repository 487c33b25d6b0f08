// The runtime's Redis stores. @apimx/runtime's index does not export them yet, so they are reached by path here,
// in this one place; switch to `from '@apimx/runtime'` once it does.
export { createRedisStores } from '../../../runtime/src/stores/redis/index.ts';
export type { RedisStores } from '../../../runtime/src/stores/redis/index.ts';
