// @apimx/gateway: APIM-shaped configuration served over HTTP by the runtime.
export { startGateway } from './server/start-gateway.ts';
export type { RunningGateway, StartGatewayOptions, ReloadResult } from './server/start-gateway.ts';
export { loadConfig } from './config/load-config.ts';
export { readConfig } from './config/read-config.ts';
export { ConfigError } from './config/config-error.ts';
export type { ConfigIssue } from './config/config-error.ts';
export type * from './config/config-types.ts';
export { buildModel } from './model/build-model.ts';
export { PolicyLoadError } from './model/policy-loader.ts';
export type { GatewayModel } from './model/gateway-model.ts';
export { GatewayHandler } from './http/gateway-handler.ts';
export { TraceRecorder } from './admin/trace-recorder.ts';
export type { RequestTrace } from './admin/trace-recorder.ts';
export { AZURE_OPENAI_OPERATIONS } from './operations/azure-openai.ts';
export { OPENAI_V1_OPERATIONS } from './operations/openai-v1.ts';
