// @apimx/runtime: compiled policy documents + a GatewayRequest in, a GatewayResponse out.
export { Runtime, runPipeline } from './runtime.ts';
export type { HandledRequest, RuntimeOptions } from './runtime.ts';
export type { PolicyRun } from './pipeline/step.ts';
export { memoryServices } from './memory-services.ts';
export type { RuntimeServices } from './services.ts';
export { Pipeline } from './pipeline/pipeline.ts';
export { composeScopes } from './pipeline/scopes.ts';
export type { ScopeName, ScopedDocument } from './pipeline/scopes.ts';
export { PolicyFault, errorBody } from './pipeline/fault.ts';
export type { LastError } from './pipeline/fault.ts';
export { RequestContext } from './context/request-context.ts';
export type { RequestIdentity } from './context/request-context.ts';
export * from './context/entities.ts';
export { HeaderMap } from './http/header-map.ts';
export type { GatewayRequest, GatewayResponse, Body } from './http/types.ts';
export { ManualClock, systemClock } from './clock.ts';
export type { Clock } from './clock.ts';
export { BUILT_IN_POLICIES } from './policies/index.ts';
