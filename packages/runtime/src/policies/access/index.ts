import type { PolicyImplementation } from '../types.ts';

export const accessPolicies: readonly PolicyImplementation[] = [];
