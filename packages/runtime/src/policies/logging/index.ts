import type { PolicyImplementation } from '../types.ts';

export const loggingPolicies: readonly PolicyImplementation[] = [];
