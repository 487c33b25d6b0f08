// cache-store (spec §3.12, T39): after a cache-lookup miss on a GET, keep the response for `duration` seconds:
// 200 OK only, any status with cache-response="true". The body is buffered for that (readsResponseBody).
import { asStep } from '../limits/policy-instance.ts';
import type { PolicyImplementation } from '../types.ts';
import { downstreamCacheControl, lookups, type CachedResponse } from './cached-response.ts';

export const cacheStorePolicy: PolicyImplementation = {
  name: 'cache-store',
  build(node, build) {
    const { cache, clock } = build.services;
    const duration = build.number(node, 'duration');
    const cacheResponse = build.bool(node, 'cache-response');
    return {
      readsResponseBody: true,
      run(ctx) {
        const state = lookups.get(ctx);
        if (!state?.key || ctx.Request.Method !== 'GET') return;
        const response = ctx.Response;
        if (response.StatusCode !== 200 && cacheResponse(ctx) !== true) return;
        const seconds = duration(ctx) ?? 0;
        if (!(seconds > 0)) return;
        let body: Uint8Array;
        try {
          body = response.Body ? response.Body.read(true) : new Uint8Array(0);
        } catch {
          return; // the body was consumed by an expression: nothing faithful to keep
        }
        const control = downstreamCacheControl(state, seconds);
        if (control) response.Headers.set('Cache-Control', control);
        const entry: CachedResponse = {
          status: response.StatusCode,
          reason: response.StatusReason,
          headers: [...response.Headers].map(([name, values]) => [name, [...values]]),
          body,
          expiresAt: clock.now() + seconds * 1000,
        };
        return asStep(cache.set(state.key, entry, seconds));
      },
    };
  },
};
