// Backend entities (spec §4): the registry, resolution by id, and credentials on the wire.
export type { BackendCredentials, BackendProperties } from './backend.ts';
export { MemoryBackendRegistry } from './registry.ts';
export type { BackendInit, BackendRegistry } from './registry.ts';
export { resolveBackend } from './resolve-backend.ts';
export type { ResolvedBackend } from './resolve-backend.ts';
export { applyCredentials } from './credentials.ts';
