// Every policy the runtime can run, by schema name. A policy with a schema but no implementation here makes
// loading a document fail with "policy <name> is not supported yet" (never a silent skip).
import { accessPolicies } from './access/index.ts';
import { aiPolicies } from './ai/index.ts';
import { cachingPolicies } from './caching/index.ts';
import { controlFlowPolicies } from './control-flow/index.ts';
import { limitsPolicies } from './limits/index.ts';
import { loggingPolicies } from './logging/index.ts';
import { routingPolicies } from './routing/index.ts';
import { transformationPolicies } from './transformation/index.ts';
import type { PolicyImplementation } from './types.ts';

export const BUILT_IN_POLICIES: ReadonlyMap<string, PolicyImplementation> = new Map(
  [
    ...controlFlowPolicies,
    ...transformationPolicies,
    ...routingPolicies,
    ...accessPolicies,
    ...limitsPolicies,
    ...cachingPolicies,
    ...loggingPolicies,
    ...aiPolicies,
  ].map((policy) => [policy.name, policy]),
);
