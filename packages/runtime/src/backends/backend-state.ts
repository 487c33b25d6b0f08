// The mutable side of backends: breaker states and pool rotation. It belongs to a registry, so a gateway keeps
// it as long as its backends; a registry that brings none gets one here.
import { MemoryBreakerStore, type BreakerStore } from './breaker-store.ts';
import { PoolBalancer } from './pool-balancer.ts';
import type { BackendRegistry } from './registry.ts';

export interface BackendState {
  readonly breakers: BreakerStore;
  readonly balancer: PoolBalancer;
}

export function newBackendState(breakers: BreakerStore = new MemoryBreakerStore()): BackendState {
  return { breakers, balancer: new PoolBalancer() };
}

const fallback = new WeakMap<BackendRegistry, BackendState>();

export function stateOf(registry: BackendRegistry): BackendState {
  if (registry.state) return registry.state;
  let state = fallback.get(registry);
  if (!state) fallback.set(registry, (state = newBackendState()));
  return state;
}
