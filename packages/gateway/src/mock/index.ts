// The built-in OpenAI-compatible mock backend (`apimx mock`).
// Routes: routes.ts. Per-request headers: x-mock-latency-ms, x-mock-chunk-delay-ms, x-mock-status,
// x-mock-retry-after, x-mock-fail (reset | mid-stream), x-mock-fail-rate, x-mock-reply (failures.ts for precedence).
// Control API under /__mock/: control.ts. Azure AI Content Safety's text APIs are emulated: content-safety.ts.
export { startMockBackend, type MockBackend } from './server.ts';
export { createMockHandler, type MockHandler } from './handler.ts';
export type { MockBackendOptions, MockFailure, ReplyInput } from './options.ts';
export type { ContentSafetyOptions } from './content-safety.ts';
export type { MockStats } from './stats.ts';
export type { LiveConfig } from './control.ts';
export { runMockCommand, parseMockArgs, MOCK_USAGE } from './command.ts';
export { embedText, cosine } from './embedding-vector.ts';
