// Backend entities (spec §4): the registry, validation, resolution by id (pools, circuit breakers), credentials
// on the wire, and the state view for the admin surface.
export type { BackendCredentials, BackendProperties, BackendTls, CircuitBreakerRule, FailureCondition, PoolMember, StatusCodeRange } from './backend.ts';
export { memberName } from './backend.ts';
export { MemoryBackendRegistry } from './registry.ts';
export type { BackendInit, BackendRegistry } from './registry.ts';
export { validateBackend, validateBackends, MAX_POOL_MEMBERS } from './validate-backend.ts';
export type { BackendIssue } from './validate-backend.ts';
export { resolveBackend } from './resolve-backend.ts';
export type { ResolvedBackend } from './resolve-backend.ts';
export { backendChoices } from './backend-choices.ts';
export type { BackendChoice } from './backend-choices.ts';
export { reportBackendError, reportBackendResponse } from './report-outcome.ts';
export { backendStates } from './backend-states.ts';
export type { BackendStateView } from './backend-states.ts';
export { MemoryBreakerStore } from './breaker-store.ts';
export type { BreakerState, BreakerStore } from './breaker-store.ts';
export { newBackendState } from './backend-state.ts';
export type { BackendState } from './backend-state.ts';
export { parseIsoDuration } from './iso-duration.ts';
export { retryAfterMs } from './retry-after.ts';
export { applyCredentials } from './credentials.ts';
