// CacheStore in Redis (cache-lookup-value / cache-store-value with caching-type external, shared by instances).
// Expiry follows the caller's clock, like MemoryCacheStore: the entry carries its expiry time and a later read
// past it is a miss; Redis's own PX expiry (the same TTL) removes it from the server. Size bounds and eviction are
// Redis's business (maxmemory and its policy), not ours.
// Unreachable Redis: always a miss / a no-op, whatever onUnavailable says, since a cache can only make a request
// faster and refusing requests because it is down would make an outage worse.

import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { CacheStore, CacheValue } from '../cache-store.ts';
import { decodeCacheEntry, encodeCacheEntry } from './cache-codec.ts';
import type { RedisConnection } from './redis-connection.ts';

export class RedisCacheStore implements CacheStore {
  constructor(
    private readonly connection: RedisConnection,
    private readonly keyPrefix: string,
    private readonly clock: Clock = systemClock,
  ) {}

  get(key: string): Promise<CacheValue | undefined> {
    return this.connection.guard(
      'cache',
      async () => {
        const text = await this.connection.send(['GET', this.key(key)]);
        if (typeof text !== 'string') return undefined;
        const entry = decodeCacheEntry(text);
        return entry && entry.expiresAt > this.clock.now() ? entry.value : undefined;
      },
      () => undefined,
      true,
    );
  }

  set(key: string, value: CacheValue, ttlSeconds: number): Promise<void> {
    return this.connection.guard(
      'cache',
      async () => {
        if (!(ttlSeconds > 0)) {
          await this.connection.send(['DEL', this.key(key)]);
          return;
        }
        const ttlMs = Math.max(1, Math.ceil(ttlSeconds * 1000));
        await this.connection.send(['SET', this.key(key), encodeCacheEntry(value, this.clock.now() + ttlSeconds * 1000), 'PX', String(ttlMs)]);
      },
      () => undefined,
      true,
    );
  }

  remove(key: string): Promise<boolean> {
    return this.connection.guard(
      'cache',
      async () => {
        const text = await this.connection.send(['GETDEL', this.key(key)]);
        if (typeof text !== 'string') return false;
        const entry = decodeCacheEntry(text);
        return entry !== undefined && entry.expiresAt > this.clock.now();
      },
      () => false,
      true,
    );
  }

  private key(key: string): string {
    return `${this.keyPrefix}cache:${key}`;
  }
}
