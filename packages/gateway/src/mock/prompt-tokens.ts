// The mock's prompt_tokens (input_tokens for the Responses API): counted by the runtime's token module, the same
// rules APIM's estimate applies (openai-cookbook's message and tools rules, which OpenAI's reported counts match).
// One difference, kept here on purpose: the runtime charges an image 1200 tokens, the most APIM's estimate charges;
// a real backend reports what the image cost, and the mock reports 85, OpenAI's price of a low-detail image.
import { tokens } from '@apimx/runtime';

export const MOCK_IMAGE_TOKENS = 85;

export interface PromptCount {
  /** The model's encoder, for counting and cutting the reply. */
  encoder: tokens.TokenEncoder;
  promptTokens: number;
}

/** Loads the model's encoding (once per process) and counts the request's prompt as the API would report it. */
export async function countPrompt(model: string, body: Record<string, unknown>, api: tokens.ApiKind): Promise<PromptCount> {
  const encoder = await tokens.loadEncoder(tokens.encodingForModel(model));
  const estimate = tokens.estimateWith(encoder, body, { api, modelHint: model });
  return { encoder, promptTokens: estimate.tokens - estimate.images * (tokens.IMAGE_TOKENS - MOCK_IMAGE_TOKENS) };
}
