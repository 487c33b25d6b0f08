// cache-lookup (spec §3.12, T39): for a GET, look the response up; a hit becomes context.Response, the rest of
// inbound and the backend are skipped and outbound runs (SkipToOutbound). A miss leaves the key for cache-store.
// Requests with an Authorization header are neither looked up nor stored unless allow-private-response-caching.
// caching-type: APIM has a built-in (internal) cache and an optional external Redis cache; prefer-external (the
// default) uses the external one when it is configured. apimx has one response cache, the gateway's CacheStore
// (in memory by default; the shared Redis when the gateway is configured with one), and every value of
// caching-type (internal, external, prefer-external) uses it. The same holds for cache-lookup-value,
// cache-store-value and cache-remove-value (cache-value-key.ts).
import { SkipToOutbound } from '../../pipeline/signals.ts';
import { andThen } from '../../stores/maybe-promise.ts';
import { asStep } from '../limits/policy-instance.ts';
import type { PolicyImplementation } from '../types.ts';
import { textItems } from './text-items.ts';
import { downstreamCacheControl, lookups, replayResponse, type CachedResponse, type LookupState } from './cached-response.ts';
import { responseCacheKey, splitNames, type VaryBy } from './response-cache-key.ts';

export const cacheLookupPolicy: PolicyImplementation = {
  name: 'cache-lookup',
  build(node, build) {
    const { cache, clock } = build.services;
    const developer = build.bool(node, 'vary-by-developer');
    const developerGroups = build.bool(node, 'vary-by-developer-groups');
    const downstream = build.string(node, 'downstream-caching-type');
    const mustRevalidate = build.bool(node, 'must-revalidate');
    const allowPrivate = build.bool(node, 'allow-private-response-caching');
    const headers = splitNames(textItems(build, node, 'vary-by-header'));
    const queryElements = build.elements(node, 'vary-by-query-parameter');
    const queryParameters = queryElements.length > 0 ? splitNames(textItems(build, node, 'vary-by-query-parameter')) : null;

    return {
      run(ctx) {
        if (ctx.Request.Method !== 'GET') return;
        if (ctx.Request.Headers.has('Authorization') && allowPrivate(ctx) !== true) return;
        const vary: VaryBy = { headers, queryParameters, developer: developer(ctx) === true, developerGroups: developerGroups(ctx) === true };
        const key = responseCacheKey(ctx, vary);
        const kind = (downstream(ctx) ?? 'none').toLowerCase();
        const state: LookupState = {
          key,
          downstream: kind === 'private' || kind === 'public' ? kind : 'none',
          mustRevalidate: mustRevalidate(ctx) !== false,
        };
        lookups.set(ctx, state);
        return asStep(
          andThen(cache.get(key), (found) => {
            if (found === undefined) return;
            const cached = found as CachedResponse;
            state.key = null;
            const response = replayResponse(cached);
            const control = downstreamCacheControl(state, (cached.expiresAt - clock.now()) / 1000);
            if (control) response.Headers.set('Cache-Control', control);
            ctx.Response = response;
            throw new SkipToOutbound(node.element);
          }),
        );
      },
    };
  },
};
