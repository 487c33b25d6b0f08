import type { PolicyImplementation } from '../types.ts';

export const controlFlowPolicies: readonly PolicyImplementation[] = [];
