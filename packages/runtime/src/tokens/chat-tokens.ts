// prompt_tokens of a chat completions request by OpenAI's documented rule (openai-cookbook, "How to count
// tokens with tiktoken"): each message costs 3 tokens plus the tokens of each of its string values (role,
// content, name, tool_call_id...), a name 1 more, and the reply is primed with 3; function definitions follow
// the cookbook's tools rule. Beyond that rule (our choices, documented): content parts count their text and
// 1200 per image; an assistant's tool_calls / function_call count as their JSON text.
import { countContentParts } from './content-parts.ts';
import type { TokenEncoder } from './encoder.ts';
import { asObject } from './json-shapes.ts';
import { countToolTokens } from './tool-tokens.ts';

export const PER_MESSAGE = 3;
export const PER_NAME = 1;
export const REPLY_PRIMING = 3;

export interface ChatCount {
  tokens: number;
  images: number;
}

export function countChatRequest(encoder: TokenEncoder, body: Record<string, unknown>): ChatCount {
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  const count = countMessages(encoder, messages);
  // Anthropic Messages API: the system prompt is a top-level field, not a message.
  const system = body['system'];
  if (typeof system === 'string' || Array.isArray(system)) {
    const s = countMessage(encoder, { role: 'system', content: system });
    count.tokens += s.tokens;
    count.images += s.images;
  }
  if (Array.isArray(body['tools'])) count.tokens += countToolTokens(encoder, body['tools']);
  if (Array.isArray(body['functions'])) count.tokens += countToolTokens(encoder, body['functions']);
  return count;
}

/** The messages plus the reply priming. */
export function countMessages(encoder: TokenEncoder, messages: readonly unknown[]): ChatCount {
  const total: ChatCount = { tokens: REPLY_PRIMING, images: 0 };
  for (const message of messages) {
    const m = countMessage(encoder, message);
    total.tokens += m.tokens;
    total.images += m.images;
  }
  return total;
}

export function countMessage(encoder: TokenEncoder, message: unknown): ChatCount {
  const count: ChatCount = { tokens: PER_MESSAGE, images: 0 };
  const m = asObject(message);
  if (m === undefined) return count;
  for (const key in m) {
    const value = m[key];
    if (typeof value === 'string') {
      count.tokens += encoder.count(value);
      if (key === 'name') count.tokens += PER_NAME;
    } else if (Array.isArray(value) && key === 'content') {
      const parts = countContentParts(encoder, value);
      count.tokens += parts.tokens;
      count.images += parts.images;
    } else if ((key === 'tool_calls' && Array.isArray(value)) || (key === 'function_call' && asObject(value))) {
      count.tokens += encoder.count(JSON.stringify(value));
    }
  }
  return count;
}
