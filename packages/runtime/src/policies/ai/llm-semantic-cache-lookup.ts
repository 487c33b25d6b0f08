// llm-semantic-cache-lookup / azure-openai-semantic-cache-lookup (spec §3.3, T7–T9): the prompt is embedded by
// the embeddings backend and looked up among the cached prompts of its partition; the nearest one within
// score-threshold (a cosine distance: lower is stricter) gives its cached response, the backend is skipped and
// outbound runs on it (where the store, seeing the hit, does nothing). A miss leaves the vector for the store.
// A failure of the cache (embeddings backend down, store unreachable) never fails the request: it is a miss
// without storing, written to the request trace.
// Choices where the docs are silent, each [UNCONFIRMED]:
// - Partition: the API, the operation and the embeddings backend (vectors of two models do not compare, and a
//   chat answer must not answer a Responses request) plus the vary-by values, concatenated as the docs say.
// - Streamed requests (`"stream": true`) are neither looked up nor stored: a cached JSON body cannot answer a
//   client that waits for events, and caching a stream would hold it back.
// - What is embedded: the text of the messages that remain (system and developer messages dropped with
//   ignore-system-messages), one per line; max-message-count counts those remaining messages.
import { createHash } from 'node:crypto';
import type { RequestContext } from '../../context/request-context.ts';
import { SkipToOutbound } from '../../pipeline/signals.ts';
import type { StepResult } from '../../pipeline/step.ts';
import { replayResponse } from '../caching/cached-response.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { embed } from './embeddings.ts';
import { isSystemMessage, joinedText, promptOf } from './prompt-messages.ts';
import { semanticLookups, traceSemanticCache, type SemanticCacheEntry } from './semantic-cache-state.ts';

export const llmSemanticCacheLookup: PolicyImplementation = {
  name: 'llm-semantic-cache-lookup',
  build(node, build) {
    const source = node.element;
    const threshold = Number(node.attributes['score-threshold']!.value);
    const backendId = build.string(node, 'embeddings-backend-id');
    const ignoreSystem = build.bool(node, 'ignore-system-messages');
    const maxMessages = build.number(node, 'max-message-count');
    const varyBy: Getter<string | null>[] = build.elements(node, 'vary-by').map((element) => build.text(element));
    const vectors = build.services.vectors;

    async function lookup(ctx: RequestContext, backend: string, partition: string, text: string): Promise<void> {
      let vector: Float32Array;
      try {
        vector = await embed(ctx, source, backend, text);
      } catch (error) {
        traceSemanticCache(ctx, source, `cache lookup failed, the request goes on uncached: ${(error as Error).message}`, 'error');
        return;
      }
      const state = { partition, key: createHash('sha256').update(text).digest('base64url'), vector, hit: false };
      semanticLookups.set(ctx, state);
      let match;
      try {
        match = await vectors!.nearest(partition, vector, threshold);
      } catch (error) {
        traceSemanticCache(ctx, source, `cache lookup failed, the request goes on: ${(error as Error).message}`, 'error');
        return;
      }
      if (match === undefined) {
        traceSemanticCache(ctx, source, `cache miss: no cached prompt within ${threshold}`);
        return;
      }
      state.hit = true;
      traceSemanticCache(ctx, source, `cache hit: a cached prompt at distance ${match.distance.toFixed(4)} (score-threshold ${threshold})`);
      ctx.Response = replayResponse(match.value as SemanticCacheEntry);
      throw new SkipToOutbound(source);
    }

    return {
      readsRequestBody: true,
      run(ctx): StepResult {
        if (!vectors) return traceSemanticCache(ctx, source, 'no vector store is configured: not cached', 'error');
        const prompt = promptOf(ctx);
        if (prompt === undefined) return traceSemanticCache(ctx, source, 'the request is not an LLM prompt: not cached');
        if (prompt.streaming) return traceSemanticCache(ctx, source, 'streamed requests are not cached');
        const messages = ignoreSystem(ctx) === true ? prompt.messages.filter((m) => !isSystemMessage(m)) : prompt.messages;
        const max = maxMessages(ctx);
        if (max !== null && messages.length > max) {
          return traceSemanticCache(ctx, source, `${messages.length} messages exceed max-message-count ${max}: not cached`);
        }
        const text = joinedText(messages);
        if (text === '') return traceSemanticCache(ctx, source, 'the prompt has no text: not cached');
        const backend = backendId(ctx) ?? '';
        let partition = `${ctx.Api.Id}\u0000${ctx.Operation.Id}\u0000${backend}`;
        for (const value of varyBy) partition += `\u0000${value(ctx) ?? ''}`;
        return lookup(ctx, backend, partition, text);
      },
    };
  },
};
