// The `usage` a model response reports: chat and legacy completions (prompt_tokens, completion_tokens,
// total_tokens, *_details), the Responses API (input_tokens, output_tokens, *_details; also in the
// response.completed stream event), embeddings (prompt_tokens and total_tokens only) and Anthropic
// (input_tokens, output_tokens, cache_read_input_tokens).
import { asCount, asObject } from './json-shapes.ts';
import { topLevelUsageText } from './usage-tail.ts';

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  /** As reported; prompt + completion when the response omits it. */
  totalTokens: number;
  /** Prompt tokens served from the prompt cache (included in promptTokens), when reported. */
  cachedTokens?: number;
  /** Reasoning tokens (included in completionTokens), when reported. */
  reasoningTokens?: number;
}

/** A `usage` object (the value of a response's `usage` field) → TokenUsage; undefined if it has no counts. */
export function parseUsage(value: unknown): TokenUsage | undefined {
  const u = asObject(value);
  if (u === undefined) return undefined;
  const prompt = asCount(u['prompt_tokens']) ?? asCount(u['input_tokens']);
  const completion = asCount(u['completion_tokens']) ?? asCount(u['output_tokens']);
  const total = asCount(u['total_tokens']);
  if (prompt === undefined && completion === undefined && total === undefined) return undefined;
  const usage: TokenUsage = {
    promptTokens: prompt ?? 0,
    completionTokens: completion ?? 0,
    totalTokens: total ?? (prompt ?? 0) + (completion ?? 0),
  };
  const cached = asCount(asObject(u['prompt_tokens_details'] ?? u['input_tokens_details'])?.['cached_tokens'])
    ?? asCount(u['cache_read_input_tokens']);
  if (cached !== undefined) usage.cachedTokens = cached;
  const reasoning = asCount(asObject(u['completion_tokens_details'] ?? u['output_tokens_details'])?.['reasoning_tokens']);
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  return usage;
}

/** The usage of a parsed JSON response body: `usage` at the top, or under `response` (Responses events). */
export function readUsage(body: unknown): TokenUsage | undefined {
  const b = asObject(body);
  if (b === undefined) return undefined;
  return parseUsage(b['usage']) ?? parseUsage(asObject(b['response'])?.['usage']);
}

const decoder = new TextDecoder();

/** The usage of a raw JSON response body; undefined when it is not JSON or has none. */
export function readUsageFromBytes(body: Uint8Array | string): TokenUsage | undefined {
  if (typeof body !== 'string') {
    // Most bodies: the top-level usage read from the tail, without decoding or parsing the generated text.
    const tail = topLevelUsageText(body);
    if (tail !== undefined) {
      try {
        const usage = parseUsage(JSON.parse(tail));
        // A usage without counts: the full reading below looks under `response` too.
        if (usage !== undefined) return usage;
      } catch {
        // Not parseable on its own: the full reading decides.
      }
    }
  }
  const text = typeof body === 'string' ? body : decoder.decode(body);
  // Cheap test first: most error bodies and non-LLM responses have no usage at all.
  if (!text.includes('"usage"')) return undefined;
  try {
    return readUsage(JSON.parse(text));
  } catch {
    return undefined;
  }
}
