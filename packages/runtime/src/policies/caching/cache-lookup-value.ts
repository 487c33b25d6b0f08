// cache-lookup-value (spec §3.12, T40): a hit sets the variable to the cached value (with the C# type it was stored
// with); a miss sets it to default-value when one is given and otherwise leaves it unset ([INFERRED]; Microsoft's
// own samples test `context.Variables.ContainsKey(...) == false` after a miss).
import { andThen } from '../../stores/maybe-promise.ts';
import { asStep } from '../limits/policy-instance.ts';
import type { PolicyImplementation } from '../types.ts';
import { VALUE_PREFIX, type CachedValue } from './cache-value-key.ts';

export const cacheLookupValuePolicy: PolicyImplementation = {
  name: 'cache-lookup-value',
  build(node, build) {
    const { cache } = build.services;
    const key = build.string(node, 'key');
    const variable = String(node.attributes['variable-name']?.value ?? '');
    const defaultValue = node.attributes['default-value'] ? build.string(node, 'default-value') : null;
    return {
      run(ctx) {
        return asStep(
          andThen(cache.get(VALUE_PREFIX + (key(ctx) ?? '')), (found) => {
            if (found !== undefined) {
              const cached = found as CachedValue;
              ctx.Variables.set(variable, cached.value, cached.type);
            } else if (defaultValue) {
              ctx.Variables.set(variable, defaultValue(ctx), 'string');
            }
          }),
        );
      },
    };
  },
};
