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
  const emit = (name: string, value: number): void => sink.record({ name, namespace, value, dimensions, timestamp });
  emit(TOKEN_METRICS.total, usage.total ?? usage.prompt + usage.completion);
  emit(TOKEN_METRICS.prompt, usage.prompt);
  emit(TOKEN_METRICS.completion, usage.completion);
  if (usage.cached !== undefined) emit(TOKEN_METRICS.cached, usage.cached);
  if (usage.reasoning !== undefined) emit(TOKEN_METRICS.reasoning, usage.reasoning);
}
