// llm-semantic-cache-store / azure-openai-semantic-cache-store (spec §3.3): after a lookup that missed, keep the
// response for `duration` seconds under the prompt's vector: 200 OK only, any status with cache-response="true".
// Nothing is stored after a hit, without a lookup, or for an event stream. The body is read into memory here,
// only when it will be stored (so a response that is not cached streams through untouched).
import type { RequestContext } from '../../context/request-context.ts';
import type { StepResult } from '../../pipeline/step.ts';
import { isEventStream } from '../../tokens/index.ts';
import type { PolicyImplementation } from '../types.ts';
import { semanticLookups, traceSemanticCache, type SemanticCacheEntry, type SemanticLookup } from './semantic-cache-state.ts';

export const llmSemanticCacheStore: PolicyImplementation = {
  name: 'llm-semantic-cache-store',
  build(node, build) {
    const source = node.element;
    const duration = build.number(node, 'duration');
    const cacheResponse = build.bool(node, 'cache-response');
    const vectors = build.services.vectors;

    function store(ctx: RequestContext, state: SemanticLookup, seconds: number): StepResult {
      const response = ctx.Response;
      let body: Uint8Array;
      try {
        body = response.Body ? response.Body.read(true) : new Uint8Array(0);
      } catch {
        return traceSemanticCache(ctx, source, 'the response body was consumed by an expression: not cached');
      }
      const entry: SemanticCacheEntry = {
        status: response.StatusCode,
        reason: response.StatusReason,
        headers: [...response.Headers].map(([name, values]) => [name, [...values]]),
        body,
      };
      try {
        const added = vectors!.add(state.partition, state.key, state.vector, entry, seconds);
        if (added instanceof Promise) return added.catch((error: unknown) => failed(ctx, error));
      } catch (error) {
        failed(ctx, error);
      }
    }

    function failed(ctx: RequestContext, error: unknown): void {
      traceSemanticCache(ctx, source, `cache store failed: ${error instanceof Error ? error.message : String(error)}`, 'error');
    }

    return {
      run(ctx): StepResult {
        const state = semanticLookups.get(ctx);
        if (state === undefined || state.hit || !vectors) return;
        const response = ctx.Response;
        if (response.StatusCode !== 200 && cacheResponse(ctx) !== true) return;
        const seconds = duration(ctx) ?? 0;
        if (!(seconds > 0)) return;
        if (isEventStream(response.Headers.first('Content-Type'))) return traceSemanticCache(ctx, source, 'an event stream is not cached');
        if (!ctx.responseBodyBuffered()) return ctx.bufferResponseBody().then(() => store(ctx, state, seconds));
        return store(ctx, state, seconds);
      },
    };
  },
};
