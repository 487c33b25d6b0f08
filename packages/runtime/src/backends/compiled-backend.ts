// A backend's pool and circuit breaker turned, once per entity object, into the numbers the per-request path
// uses (durations in ms, members grouped by priority). Cached by object identity: replacing a backend in the
// registry compiles the new one.
import type { BackendProperties, StatusCodeRange } from './backend.ts';
import { isPool, memberName } from './backend.ts';
import { failureReasons, type BackendFailureReason } from './error-reasons.ts';
import { parseIsoDuration } from './iso-duration.ts';
import { validateBackend } from './validate-backend.ts';

export interface BreakerRule {
  name: string;
  count: number | null;
  percentage: number | null;
  intervalMs: number;
  ranges: readonly StatusCodeRange[];
  reasons: ReadonlySet<BackendFailureReason>;
  tripMs: number;
  acceptRetryAfter: boolean;
}

export interface PoolEntry {
  id: string;
  weight: number;
}

export interface PriorityGroup {
  priority: number;
  members: readonly PoolEntry[];
}

export type CompiledBackend =
  | { kind: 'single'; url: string; breaker: BreakerRule | null }
  | { kind: 'pool'; groups: readonly PriorityGroup[] }
  | { kind: 'invalid'; message: string };

/**
 * [INFERRED] a member without priority is in group 1 (the samples' first group) and one without weight has
 * weight 1, so a pool that states neither is plain round-robin, APIM's default.
 */
const DEFAULT_PRIORITY = 1;
const DEFAULT_WEIGHT = 1;

const compiled = new WeakMap<BackendProperties, CompiledBackend>();

export function compileBackend(id: string, backend: BackendProperties, lookup: (id: string) => BackendProperties | undefined): CompiledBackend {
  let result = compiled.get(backend);
  if (!result) {
    result = compile(id, backend, lookup);
    compiled.set(backend, result);
  }
  return result;
}

function compile(id: string, backend: BackendProperties, lookup: (id: string) => BackendProperties | undefined): CompiledBackend {
  const issues = validateBackend(id, backend, id, lookup);
  if (issues.length > 0) return { kind: 'invalid', message: issues.map((i) => `${i.path}: ${i.message}`).join('; ') };
  if (!isPool(backend)) return { kind: 'single', url: backend.url!, breaker: compileRule(backend) };
  const byPriority = new Map<number, PoolEntry[]>();
  for (const member of backend.pool!.services!) {
    const priority = member.priority ?? DEFAULT_PRIORITY;
    const entries = byPriority.get(priority) ?? [];
    entries.push({ id: memberName(member.id), weight: member.weight ?? DEFAULT_WEIGHT });
    byPriority.set(priority, entries);
  }
  const groups = [...byPriority].sort(([a], [b]) => a - b).map(([priority, members]) => ({ priority, members }));
  return { kind: 'pool', groups };
}

function compileRule(backend: BackendProperties): BreakerRule | null {
  const rule = backend.circuitBreaker?.rules?.[0];
  if (!rule) return null;
  const condition = rule.failureCondition!;
  return {
    name: rule.name ?? '',
    count: condition.count ?? null,
    percentage: condition.percentage ?? null,
    intervalMs: parseIsoDuration(condition.interval!)!,
    ranges: condition.statusCodeRanges ?? [],
    reasons: failureReasons(condition.errorReasons ?? []),
    tripMs: parseIsoDuration(rule.tripDuration!)!,
    acceptRetryAfter: rule.acceptRetryAfter === true,
  };
}
