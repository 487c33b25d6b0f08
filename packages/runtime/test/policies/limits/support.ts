// Test support for the limits, access and caching policy tests: identities, and a probe that captures the request
// context (a `<trace source="probe">` element stands for it), so tests can read variables without expressions.
import type { RequestIdentity } from '../../../src/context/request-context.ts';
import type { RequestContext } from '../../../src/context/request-context.ts';
import type { SubscriptionInfo } from '../../../src/context/entities.ts';
import { BUILT_IN_POLICIES } from '../../../src/policies/index.ts';
import type { PolicyImplementation } from '../../../src/policies/types.ts';

export function subscription(id: string, startDate: number | null = null): Partial<RequestIdentity> {
  const info: SubscriptionInfo = { Id: id, Name: id, Key: `${id}-key`, PrimaryKey: `${id}-key`, SecondaryKey: `${id}-key2`, CreatedDate: 0, StartDate: startDate, EndDate: null };
  return { subscription: info };
}

export const PROBE = '<trace source="probe"><message>probe</message></trace>';

/** The built-in policies, with `trace` replaced by a probe that records each context it sees. */
export function probePolicies(): { policies: ReadonlyMap<string, PolicyImplementation>; seen: RequestContext[] } {
  const seen: RequestContext[] = [];
  const probe: PolicyImplementation = { name: 'trace', build: () => ({ run: (ctx) => void seen.push(ctx) }) };
  const policies = new Map(BUILT_IN_POLICIES);
  policies.set('trace', probe);
  return { policies, seen };
}

/** The built-in policies, with `trace` replaced by a gate: each request waits there until released. */
export function gatePolicies(): { policies: ReadonlyMap<string, PolicyImplementation>; waiting: (() => void)[] } {
  const waiting: (() => void)[] = [];
  const gate: PolicyImplementation = {
    name: 'trace',
    build: () => ({ run: () => new Promise<void>((resolve) => void waiting.push(resolve)) }),
  };
  const policies = new Map(BUILT_IN_POLICIES);
  policies.set('trace', gate);
  return { policies, waiting };
}

/** Let pending promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
