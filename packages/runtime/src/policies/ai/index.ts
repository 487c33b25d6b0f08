// AI gateway policies (spec §3.1–3.4); each llm-* policy serves its azure-openai-* alias too.
import type { PolicyImplementation } from '../types.ts';
import { llmContentSafety } from './llm-content-safety.ts';
import { llmEmitTokenMetric } from './llm-emit-token-metric.ts';
import { llmSemanticCacheLookup } from './llm-semantic-cache-lookup.ts';
import { llmSemanticCacheStore } from './llm-semantic-cache-store.ts';
import { llmTokenLimit } from './llm-token-limit.ts';

export const aiPolicies: readonly PolicyImplementation[] = [
  llmTokenLimit,
  llmEmitTokenMetric,
  llmSemanticCacheLookup,
  llmSemanticCacheStore,
  llmContentSafety,
];
