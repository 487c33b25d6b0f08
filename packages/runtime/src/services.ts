// The shared machinery policies run against. One instance per gateway; every member is replaceable (tests
// inject a ManualClock; several instances share Redis-backed stores).
import type { Clock } from './clock.ts';
import type { CacheStore } from './stores/cache-store.ts';
import type { ConcurrencyStore } from './stores/concurrency-store.ts';
import type { CounterStore } from './stores/counter-store.ts';

export interface RuntimeServices {
  clock: Clock;
  counters: CounterStore;
  cache: CacheStore;
  concurrency: ConcurrencyStore;
  /** Deployment facts that context.Deployment reports. */
  deployment: { region: string; serviceName: string; gatewayId: string };
}
