// Backend test support: a registry of backends on a ManualClock and a fresh request context per pick, so
// resolveBackend and the breaker run exactly as set-backend-service and forward-request run them.
import { MemoryBackendRegistry, type BackendInit } from '../../src/backends/index.ts';
import type { CircuitBreakerRule } from '../../src/backends/index.ts';
import { ManualClock } from '../../src/clock.ts';
import { RequestContext } from '../../src/context/request-context.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { memoryServices } from '../../src/memory-services.ts';
import type { RuntimeServices } from '../../src/services.ts';

export const START = Date.UTC(2026, 0, 1);

export interface Backends {
  clock: ManualClock;
  registry: MemoryBackendRegistry;
  services: RuntimeServices;
  context(): RequestContext;
}

export function backends(entities: Record<string, BackendInit>): Backends {
  const clock = new ManualClock(START);
  const registry = new MemoryBackendRegistry(entities);
  const services: RuntimeServices = { ...memoryServices(clock), backends: registry };
  const context = (): RequestContext =>
    new RequestContext(services, { method: 'GET', url: 'https://apimx.local/api/op', headers: new HeaderMap(), clientIp: '127.0.0.1' }, {
      api: null,
      operation: null,
      product: null,
      subscription: null,
      user: null,
    });
  return { clock, registry, services, context };
}

/** A rule like the AI-Gateway samples' (inference-api.bicep), with overrides. */
export function rule(overrides: Partial<CircuitBreakerRule> & { count?: number; interval?: string; ranges?: { min: number; max: number }[]; errorReasons?: string[] } = {}): CircuitBreakerRule {
  const { count = 1, interval = 'PT1M', ranges = [{ min: 429, max: 429 }], errorReasons, ...rest } = overrides;
  return {
    name: 'breaker',
    failureCondition: { count, interval, statusCodeRanges: ranges, ...(errorReasons ? { errorReasons } : {}) },
    tripDuration: 'PT1M',
    acceptRetryAfter: true,
    ...rest,
  };
}

/** A Single backend at `url`, with a breaker rule when given. */
export function single(url: string, breaker?: CircuitBreakerRule): BackendInit {
  return { url, protocol: 'http', ...(breaker ? { circuitBreaker: { rules: [breaker] } } : {}) };
}

/** A pool of `members` (name, priority, weight). */
export function pool(members: readonly { id: string; priority?: number; weight?: number }[]): BackendInit {
  return { type: 'Pool', pool: { services: members.map((m) => ({ ...m, id: `/backends/${m.id}` })) } };
}
