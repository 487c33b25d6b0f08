import type { PolicyImplementation } from '../types.ts';

export const cachingPolicies: readonly PolicyImplementation[] = [];
