import type { PolicyImplementation } from '../types.ts';

export const routingPolicies: readonly PolicyImplementation[] = [];
