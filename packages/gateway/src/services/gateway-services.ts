// What a gateway keeps for its whole life, across reloads: the metrics (exporters, usage ledger) and the stores
// (memory or Redis) put into RuntimeServices, and how to shut them down.
import { GatewayMetrics, memoryServices, type MetricsSink, type RuntimeServices } from '@apimx/runtime';
import { ConfigError } from '../config/config-error.ts';
import type { GatewayConfig } from '../config/config-types.ts';
import { createRedisStores, type RedisStores } from './redis-stores.ts';

export interface GatewayServices {
  services: RuntimeServices;
  metrics: GatewayMetrics;
  /** Present when `stores.type` is redis. */
  redis: RedisStores | undefined;
  /** For /apimx/health: where the counters are and whether Redis answers now. */
  storesStatus(): StoresStatus;
  close(): Promise<void>;
}

export type StoresStatus =
  | { type: 'memory' }
  | { type: 'redis'; url: string; keyPrefix: string; onUnavailable: 'open' | 'closed'; available: boolean };

export interface GatewayServicesOptions {
  /** Services given by the caller (tests): their metrics sink still receives every record. */
  services?: RuntimeServices;
  log?: (line: string) => void;
}

export async function createGatewayServices(config: GatewayConfig, options: GatewayServicesOptions = {}): Promise<GatewayServices> {
  const log = options.log ?? (() => {});
  const services = options.services ?? memoryServices();
  const extraSinks: MetricsSink[] = options.services?.metrics ? [options.services.metrics] : [];
  const metrics = new GatewayMetrics(config.metrics, { clock: services.clock, extraSinks });
  try {
    // The Prometheus exporter's own server (metrics.prometheus.port), when configured, must be listening.
    await metrics.otel?.ready;
  } catch (error) {
    await metrics.shutdown().catch(() => {});
    throw new ConfigError(config.file, [{ path: '$.metrics.prometheus.port', message: `cannot serve Prometheus metrics there: ${(error as Error).message}` }]);
  }
  services.metrics = metrics.sink;
  let redis: RedisStores | undefined;
  if (config.stores.type === 'redis') {
    const { type: _type, ...redisOptions } = config.stores;
    redis = await createRedisStores({ ...redisOptions, clock: services.clock, logger: { warn: (line) => log(`apimx: ${line}`) } });
    if (!redis.connected) log(`apimx: Redis at ${redact(config.stores.url)} is not answering yet; limits fail ${config.stores.onUnavailable} until it does`);
    services.counters = redis.counters;
    services.cache = redis.cache;
    services.concurrency = redis.concurrency;
    services.vectors = redis.vectors;
  }
  return {
    services,
    metrics,
    redis,
    storesStatus: () => {
      const stores = config.stores;
      if (stores.type === 'memory' || !redis) return { type: 'memory' };
      return { type: 'redis', url: redact(stores.url), keyPrefix: stores.keyPrefix, onUnavailable: stores.onUnavailable, available: redis.connection.available };
    },
    async close() {
      await Promise.allSettled([metrics.shutdown(), redis?.close()]);
    },
  };
}

/** Metrics and stores are read once: a reload that changes them is served, but they need a restart. */
export function restartNeeded(before: GatewayConfig, after: GatewayConfig): string[] {
  const changed: string[] = [];
  if (JSON.stringify(before.metrics) !== JSON.stringify(after.metrics)) changed.push('metrics');
  if (JSON.stringify(before.stores) !== JSON.stringify(after.stores)) changed.push('stores');
  return changed;
}

function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
