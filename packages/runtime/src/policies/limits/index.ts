import type { PolicyImplementation } from '../types.ts';
import { limitConcurrencyPolicy } from './limit-concurrency.ts';
import { quotaByKeyPolicy } from './quota-by-key.ts';
import { quotaPolicy } from './quota.ts';
import { rateLimitByKeyPolicy } from './rate-limit-by-key.ts';
import { rateLimitPolicy } from './rate-limit.ts';

export const limitsPolicies: readonly PolicyImplementation[] = [rateLimitPolicy, rateLimitByKeyPolicy, quotaPolicy, quotaByKeyPolicy, limitConcurrencyPolicy];
