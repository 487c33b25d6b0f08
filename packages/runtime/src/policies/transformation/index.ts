import type { PolicyImplementation } from '../types.ts';

export const transformationPolicies: readonly PolicyImplementation[] = [];
