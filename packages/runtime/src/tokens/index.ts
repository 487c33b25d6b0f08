// Token counting for the AI token policies (llm-token-limit, llm-emit-token-metric): prompt estimates from
// request bodies, usage from JSON responses, usage from SSE streams as they pass.
export { encodingForModel, loadEncoder, loadedEncoder, preloadEncoders } from './encodings.ts';
export type { EncodingName } from './encodings.ts';
export type { TokenEncoder } from './encoder.ts';
export { estimatePromptTokens, estimateWith, isStreamingRequest, requestModel } from './estimate.ts';
export type { EstimateOptions, PromptEstimate } from './estimate.ts';
export { estimatePromptTokensFromBytes, isEventStream, parseJsonBody } from './request-body.ts';
export { apiFromBody, apiFromPath } from './request-kind.ts';
export type { ApiKind } from './request-kind.ts';
export { IMAGE_TOKENS } from './content-parts.ts';
export { parseUsage, readUsage, readUsageFromBytes } from './usage.ts';
export type { TokenUsage } from './usage.ts';
export { SseUsageTap } from './stream-usage.ts';
export type { StreamUsageOptions, StreamUsageReport } from './stream-usage.ts';
export { createSseUsageTransform } from './stream-usage-transform.ts';
