// The token metrics llm-emit-token-metric / azure-openai-emit-token-metric record (spec §3.2).
import type { MetricsSink } from './sink.ts';

/** APIM's documented names, and ours for the cached / reasoning counts (the docs do not name those). */
export const TOKEN_METRICS = {
  total: 'Total Tokens',
  prompt: 'Prompt Tokens',
  completion: 'Completion Tokens',
  /** usage.prompt_tokens_details.cached_tokens; part of Prompt Tokens. */
  cached: 'Cached Tokens',
  /** usage.completion_tokens_details.reasoning_tokens; part of Completion Tokens. */
  reasoning: 'Reasoning Tokens',
} as const;

export interface TokenUsage {
  /** Default `API Management`, as in APIM. */
  namespace?: string;
  dimensions: Readonly<Record<string, string>>;
  prompt: number;
  completion: number;
  /** Default prompt + completion (what OpenAI reports as total_tokens). */
  total?: number;
  /** Recorded only when the response reports it (0 included). */
  cached?: number;
  reasoning?: number;
  /** Epoch ms from the runtime's clock. */
  timestamp: number;
}

/** Records Total, Prompt and Completion Tokens, and Cached / Reasoning Tokens when given, with one dimension set. */
export function recordTokenUsage(sink: MetricsSink, usage: TokenUsage): void {
  const namespace = usage.namespace ?? 'API Management';
  const { dimensions, timestamp } = usage;
  // Plain calls, no helper closure: this runs for every response.
  sink.record({ name: TOKEN_METRICS.total, namespace, value: usage.total ?? usage.prompt + usage.completion, dimensions, timestamp });
  sink.record({ name: TOKEN_METRICS.prompt, namespace, value: usage.prompt, dimensions, timestamp });
  sink.record({ name: TOKEN_METRICS.completion, namespace, value: usage.completion, dimensions, timestamp });
  if (usage.cached !== undefined) sink.record({ name: TOKEN_METRICS.cached, namespace, value: usage.cached, dimensions, timestamp });
  if (usage.reasoning !== undefined) sink.record({ name: TOKEN_METRICS.reasoning, namespace, value: usage.reasoning, dimensions, timestamp });
}
