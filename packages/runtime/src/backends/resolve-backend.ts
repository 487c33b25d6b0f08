// The one place a backend id becomes a URL and credentials. A pool picks a member: the lowest priority number
// group with a member whose breaker is closed, then smooth weighted round-robin inside it (spec §4.2). A single
// backend or a whole pool with every breaker open answers 503 with the soonest recovery as Retry-After (§4.3).
import type { RequestContext } from '../context/request-context.ts';
import { errorBody, PolicyFault } from '../pipeline/fault.ts';
import type { BackendCredentials } from './backend.ts';
import { recordChoice } from './backend-choices.ts';
import { stateOf } from './backend-state.ts';
import { isOpen } from './circuit-breaker.ts';
import { compileBackend, type CompiledBackend, type PoolEntry, type PriorityGroup } from './compiled-backend.ts';
import { pendingPick, setPendingPick } from './pending-pick.ts';
import type { BackendRegistry } from './registry.ts';

export interface ResolvedBackend {
  url: string;
  credentials: BackendCredentials | undefined;
  /** The backend entity that will receive the request: the chosen member for a pool. */
  backendId: string;
}

/**
 * Resolve `id` for this request. Throws a PolicyFault (500) for an unknown or invalid id: APIM checks ids when
 * a policy is saved, but pasted documents carry deployment placeholders such as `{backend-id}`, so apimx can
 * only say so when a request uses it. Throws a 503 PolicyFault when no backend is available.
 */
export function resolveBackend(id: string, ctx: RequestContext, source = 'set-backend-service'): ResolvedBackend {
  const registry = ctx.services.backends;
  const compiled = compiledOf(id, registry, ctx, source);
  const now = ctx.services.clock.now();
  const breakers = stateOf(registry!).breakers;
  if (compiled.kind === 'single') {
    const state = breakers.get(id);
    if (isOpen(state, now)) {
      const openUntil = state!.openUntil!;
      recordChoice(ctx, { requested: id, backendId: null, priority: null, skipped: [{ id, openUntil }], reason: `backend '${id}': circuit breaker open until ${iso(openUntil)}` });
      throw unavailable(source, `Backend ${id} is temporarily unavailable`, openUntil - now, ctx);
    }
    recordChoice(ctx, { requested: id, backendId: id, priority: null, skipped: [], reason: `backend '${id}'` });
    return single(id, registry!);
  }
  if (compiled.kind !== 'pool') throw new Error('unreachable');
  return pickMember(id, compiled.groups, registry!, ctx, source, now);
}

/** The lowest-numbered priority group with a closed breaker, then the balancer inside it. */
function pickMember(id: string, groups: readonly PriorityGroup[], registry: BackendRegistry, ctx: RequestContext, source: string, now: number): ResolvedBackend {
  const { breakers, balancer } = stateOf(registry);
  const kept = pendingPick(ctx, id);
  if (kept !== undefined && !isOpen(breakers.get(kept), now)) {
    const priority = groups.find((g) => g.members.some((m) => m.id === kept))?.priority ?? null;
    recordChoice(ctx, { requested: id, backendId: kept, priority, skipped: [], reason: `pool '${id}' → '${kept}' (kept: chosen earlier in this request and not yet forwarded)` });
    return member(kept, registry, ctx, source);
  }
  const skipped: { id: string; openUntil: number }[] = [];
  for (const group of groups) {
    const available: PoolEntry[] = [];
    for (const entry of group.members) {
      const state = breakers.get(entry.id);
      if (isOpen(state, now)) skipped.push({ id: entry.id, openUntil: state!.openUntil! });
      else available.push(entry);
    }
    if (available.length === 0) continue;
    const chosen = available.length === 1 ? available[0]! : balancer.pick(id, available);
    const how = group.members.length === 1 ? 'only member' : group.members.every((m) => m.weight === group.members[0]!.weight) ? 'round-robin' : `weight ${chosen.weight}`;
    const open = skipped.length > 0 ? `; breaker open: ${skipped.map((s) => `${s.id} until ${iso(s.openUntil)}`).join(', ')}` : '';
    recordChoice(ctx, {
      requested: id,
      backendId: chosen.id,
      priority: group.priority,
      skipped,
      reason: `pool '${id}' → '${chosen.id}' (priority ${group.priority}, ${how}${open})`,
    });
    setPendingPick(ctx, id, chosen.id);
    return member(chosen.id, registry, ctx, source);
  }
  const soonest = Math.min(...skipped.map((s) => s.openUntil));
  recordChoice(ctx, { requested: id, backendId: null, priority: null, skipped, reason: `pool '${id}': every member's circuit breaker is open; the first closes at ${iso(soonest)}` });
  throw unavailable(source, `Backend pool ${id} is temporarily unavailable`, soonest - now, ctx);
}

function compiledOf(id: string, registry: BackendRegistry | undefined, ctx: RequestContext, source: string): CompiledBackend {
  const backend = registry?.get(id);
  if (!backend) {
    const known = registry ? [...registry.ids()] : [];
    const list = known.length > 0 ? `configured backends: ${known.join(', ')}` : 'no backends are configured';
    throw configurationFault(source, 'BackendNotFound', `Backend with id '${id}' could not be found (${list}).`, ctx);
  }
  const compiled = compileBackend(id, backend, (other) => registry!.get(other));
  if (compiled.kind === 'invalid') throw configurationFault(source, 'BackendInvalid', `Backend '${id}' is not valid: ${compiled.message}`, ctx);
  return compiled;
}

/** A pool member is an entity of its own: a broken one is refused as such, not used half-understood. */
function member(id: string, registry: BackendRegistry, ctx: RequestContext, source: string): ResolvedBackend {
  compiledOf(id, registry, ctx, source);
  return single(id, registry);
}

function single(id: string, registry: BackendRegistry): ResolvedBackend {
  const backend = registry.get(id)!;
  return { url: backend.url!, credentials: backend.credentials, backendId: id };
}

// [UNCONFIRMED] reasons: APIM documents none for these (it refuses the policy at save time); the caller gets
// APIM's unhandled-error answer, 500 with an activity id, and LastError says what is wrong.
function configurationFault(source: string, reason: string, message: string, ctx: RequestContext): PolicyFault {
  return new PolicyFault(source, reason, message, {
    status: 500,
    reason: 'Internal Server Error',
    body: errorBody(500, 'Internal server error', { activityId: ctx.requestId }),
  });
}

/**
 * No backend to send to (spec §4.3): 503. [OBS] the reason phrase said "Backend pool <id> is temporarily
 * unavailable" until early 2026; apimx keeps that wording in the reason phrase and body. [UNCONFIRMED] the
 * LastError.Reason (none documented): `BackendUnavailable`. Retry-After: whole seconds until the first breaker
 * closes, at least 1.
 */
function unavailable(source: string, message: string, waitMs: number, ctx: RequestContext): PolicyFault {
  return new PolicyFault(source, 'BackendUnavailable', message, {
    status: 503,
    reason: message,
    headers: { 'Retry-After': String(Math.max(1, Math.ceil(waitMs / 1000))) },
    body: errorBody(503, message, { activityId: ctx.requestId }),
  });
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
