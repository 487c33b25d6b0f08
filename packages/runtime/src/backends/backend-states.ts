// A read-only view of every backend for the admin surface: type, breaker state, failures in the current
// window, when an open breaker closes.
import type { Clock } from '../clock.ts';
import { isPool } from './backend.ts';
import { stateOf } from './backend-state.ts';
import { isOpen } from './circuit-breaker.ts';
import { compileBackend } from './compiled-backend.ts';
import type { BackendRegistry } from './registry.ts';

export interface BackendStateView {
  id: string;
  type: 'Single' | 'Pool';
  /** Pool members (by backend name) for a pool. */
  members?: readonly { id: string; priority: number; weight: number }[];
  /** Breaker: null when the backend has no circuitBreaker rule (and for pools). */
  breaker: {
    rule: string;
    state: 'closed' | 'open';
    failuresInWindow: number;
    /** ISO time the breaker closes; null when closed. */
    openUntil: string | null;
    trips: number;
    lastTrip: { at: string; cause: string } | null;
  } | null;
  /** Why the entity cannot be used, when it is invalid. */
  invalid?: string;
}

export function backendStates(registry: BackendRegistry, clock: Clock): BackendStateView[] {
  const now = clock.now();
  const breakers = stateOf(registry).breakers;
  const views: BackendStateView[] = [];
  for (const id of registry.ids()) {
    const backend = registry.get(id);
    if (!backend) continue;
    const compiled = compileBackend(id, backend, (other) => registry.get(other));
    const view: BackendStateView = { id, type: isPool(backend) ? 'Pool' : 'Single', breaker: null };
    if (compiled.kind === 'invalid') view.invalid = compiled.message;
    if (compiled.kind === 'pool') view.members = compiled.groups.flatMap((g) => g.members.map((m) => ({ id: m.id, priority: g.priority, weight: m.weight })));
    if (compiled.kind === 'single' && compiled.breaker) {
      const rule = compiled.breaker;
      const state = breakers.get(id);
      const open = isOpen(state, now);
      // A breaker whose open time has passed is closed, and its old failures no longer count.
      const failures = !state || state.openUntil !== null ? 0 : state.failures.filter((t) => t > now - rule.intervalMs).length;
      view.breaker = {
        rule: rule.name,
        state: open ? 'open' : 'closed',
        failuresInWindow: open ? 0 : failures,
        openUntil: open ? new Date(state!.openUntil!).toISOString() : null,
        trips: state?.trips ?? 0,
        lastTrip: state?.lastTrip ? { at: new Date(state.lastTrip.at).toISOString(), cause: state.lastTrip.cause } : null,
      };
    }
    views.push(view);
  }
  return views;
}
