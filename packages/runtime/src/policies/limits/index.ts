import type { PolicyImplementation } from '../types.ts';

export const limitsPolicies: readonly PolicyImplementation[] = [];
