// cache-remove-value: drops the value stored under the key, if any.
import { asStep } from '../limits/policy-instance.ts';
import type { PolicyImplementation } from '../types.ts';
import { VALUE_PREFIX } from './cache-value-key.ts';

export const cacheRemoveValuePolicy: PolicyImplementation = {
  name: 'cache-remove-value',
  build(node, build) {
    const { cache } = build.services;
    const key = build.string(node, 'key');
    return { run: (ctx) => asStep(cache.remove(VALUE_PREFIX + (key(ctx) ?? ''))) };
  },
};
