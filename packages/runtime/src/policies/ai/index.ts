// AI gateway token policies (spec §3.1, §3.2); each serves its azure-openai-* alias too.
import type { PolicyImplementation } from '../types.ts';
import { llmEmitTokenMetric } from './llm-emit-token-metric.ts';
import { llmTokenLimit } from './llm-token-limit.ts';

export const aiPolicies: readonly PolicyImplementation[] = [llmTokenLimit, llmEmitTokenMetric];
