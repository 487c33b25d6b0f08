import type { PolicyImplementation } from '../types.ts';
import { cacheLookupValuePolicy } from './cache-lookup-value.ts';
import { cacheLookupPolicy } from './cache-lookup.ts';
import { cacheRemoveValuePolicy } from './cache-remove-value.ts';
import { cacheStoreValuePolicy } from './cache-store-value.ts';
import { cacheStorePolicy } from './cache-store.ts';

export const cachingPolicies: readonly PolicyImplementation[] = [
  cacheLookupPolicy,
  cacheStorePolicy,
  cacheLookupValuePolicy,
  cacheStoreValuePolicy,
  cacheRemoveValuePolicy,
];
