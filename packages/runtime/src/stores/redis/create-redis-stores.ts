// The Redis-backed stores, chosen in the configuration so that several apimx instances enforce one limit.
// All of them share one connection (see redis-connection.ts for the timeout and reconnection rules).

import type { Clock } from '../../clock.ts';
import { RedisCacheStore } from './redis-cache-store.ts';
import { RedisConcurrencyStore } from './redis-concurrency-store.ts';
import type { RedisConnectionOptions } from './redis-connection.ts';
import { RedisConnection } from './redis-connection.ts';
import { RedisCounterStore } from './redis-counter-store.ts';
import { RedisVectorStore } from './redis-vector-store.ts';

export interface RedisStoresOptions extends RedisConnectionOptions {
  /** Prepended to every key; instances that share limits use the same one. Default 'apimx:'. */
  keyPrefix?: string;
  /** Clock for cache and vector expiry and concurrency leases (counters take `now` from their callers). */
  clock?: Clock;
  /** Lease of a concurrency slot without renewal. Default 30 s. */
  concurrencyLeaseMs?: number;
  /** Renew concurrency leases on a timer. Default true. */
  autoRenewLeases?: boolean;
  /** How long createRedisStores waits for the first connection before returning anyway. Default 1000 ms. */
  initialConnectWaitMs?: number;
}

export interface RedisStores {
  counters: RedisCounterStore;
  cache: RedisCacheStore;
  concurrency: RedisConcurrencyStore;
  /** The semantic cache's vectors. */
  vectors: RedisVectorStore;
  connection: RedisConnection;
  /** Whether the first connection succeeded within initialConnectWaitMs (it keeps trying in the background). */
  connected: boolean;
  close(): Promise<void>;
}

/**
 * Connect (waiting briefly) and build the stores. Never rejects because Redis is down: the stores then fail open
 * or closed as configured, and the client keeps reconnecting in the background.
 */
export async function createRedisStores(options: RedisStoresOptions): Promise<RedisStores> {
  const prefix = options.keyPrefix ?? 'apimx:';
  const connection = new RedisConnection(options);
  const concurrency = new RedisConcurrencyStore(connection, prefix, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.concurrencyLeaseMs !== undefined ? { leaseMs: options.concurrencyLeaseMs } : {}),
    ...(options.autoRenewLeases !== undefined ? { autoRenew: options.autoRenewLeases } : {}),
  });
  const connected = await connection.connect(options.initialConnectWaitMs ?? options.connectTimeoutMs ?? 1000);
  return {
    counters: new RedisCounterStore(connection, prefix),
    cache: new RedisCacheStore(connection, prefix, options.clock),
    concurrency,
    vectors: new RedisVectorStore(connection, prefix, options.clock),
    connection,
    connected,
    async close() {
      concurrency.close();
      await connection.close();
    },
  };
}
