// cache-store-value (spec §3.12, T40): stores the value (an expression's value as it is, with its C# type) under the
// key for `duration` seconds. APIM stores asynchronously; apimx stores before the next policy runs, which is one of
// the orders APIM allows. Values are kept by reference: a later change to a cached JObject is visible to later hits
// in memory (not across a Redis store).
import { asStep } from '../limits/policy-instance.ts';
import type { PolicyImplementation } from '../types.ts';
import { VALUE_PREFIX, type CachedValue } from './cache-value-key.ts';
import { csharpTypeOf } from './csharp-type.ts';

export const cacheStoreValuePolicy: PolicyImplementation = {
  name: 'cache-store-value',
  build(node, build) {
    const { cache } = build.services;
    const key = build.string(node, 'key');
    const value = build.value(node, 'value') ?? (() => null);
    const duration = build.number(node, 'duration');
    return {
      run(ctx) {
        const stored = value(ctx);
        const entry: CachedValue = { value: stored, type: csharpTypeOf(stored) };
        return asStep(cache.set(VALUE_PREFIX + (key(ctx) ?? ''), entry, duration(ctx) ?? 0));
      },
    };
  },
};
