// The built-in OpenAI-compatible mock backend (`apimx mock`).
export { startMockBackend, type MockBackend } from './server.ts';
export { createMockHandler, type MockHandler } from './handler.ts';
export type { MockBackendOptions, MockFailure, ReplyInput } from './options.ts';
export type { MockStats } from './stats.ts';
export type { LiveConfig } from './control.ts';
export { runMockCommand, parseMockArgs, MOCK_USAGE } from './command.ts';
export { embedText, cosine } from './embedding-vector.ts';
