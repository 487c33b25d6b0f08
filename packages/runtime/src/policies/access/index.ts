import type { PolicyImplementation } from '../types.ts';
import { checkHeaderPolicy } from './check-header.ts';
import { corsPolicy } from './cors.ts';
import { ipFilterPolicy } from './ip-filter.ts';

export const accessPolicies: readonly PolicyImplementation[] = [checkHeaderPolicy, ipFilterPolicy, corsPolicy];
