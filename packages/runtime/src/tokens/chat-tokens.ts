// prompt_tokens of a chat completions request by the rule OpenAI documents (openai-cookbook, "How to count
// tokens with tiktoken"): each message costs 3 tokens plus the tokens of each of its string values (role,
// content, name, tool_call_id...), a name 1 more, and the reply is primed with 3. Beyond the cookbook, rules
// checked against the API by hmarr/openai-chat-tokens (figures in test/tokens/api-verified.test.ts): a
// `function` role message costs 2 less; an assistant's function_call costs its name + arguments + 3; function
// definitions and tool_choice by tool-tokens.ts, with the first system message then ending in a newline.
// An assistant's tool_calls are counted each like a function_call (this matches the one reported figure, a
// single call; the API bills several parallel calls far more, which this under-estimates). Content parts
// count their text and 1200 per image (content-parts.ts).
import { countContentParts } from './content-parts.ts';
import type { TokenEncoder } from './encoder.ts';
import { asObject, asString } from './json-shapes.ts';
import { countToolChoiceTokens, countToolTokens, JOINED_SYSTEM_SAVING } from './tool-tokens.ts';

export const PER_MESSAGE = 3;
export const PER_NAME = 1;
export const REPLY_PRIMING = 3;
const FUNCTION_ROLE_SAVING = 2;
const PER_CALL = 3;

export interface ChatCount {
  tokens: number;
  images: number;
}

export function countChatRequest(encoder: TokenEncoder, body: Record<string, unknown>): ChatCount {
  const messages = Array.isArray(body['messages']) ? body['messages'] : [];
  const definitions = countDefinitions(encoder, body['tools'], body['functions']);
  const count = countMessages(encoder, messages, definitions > 0);
  // Anthropic Messages API: the system prompt is a top-level field, not a message.
  const system = body['system'];
  if (typeof system === 'string' || Array.isArray(system)) {
    const s = countMessage(encoder, { role: 'system', content: system });
    count.tokens += s.tokens;
    count.images += s.images;
  }
  if (definitions > 0) {
    count.tokens += definitions + countToolChoiceTokens(encoder, body['tool_choice'] ?? body['function_call']);
    if (messages.some((m) => asObject(m)?.['role'] === 'system')) count.tokens -= JOINED_SYSTEM_SAVING;
  }
  return count;
}

/** Chat `tools` and legacy `functions` are shown to the model as one list of definitions. */
function countDefinitions(encoder: TokenEncoder, tools: unknown, functions: unknown): number {
  const hasTools = Array.isArray(tools) && tools.length > 0;
  const hasFunctions = Array.isArray(functions) && functions.length > 0;
  if (!hasTools && !hasFunctions) return 0;
  if (!hasFunctions) return countToolTokens(encoder, tools as unknown[]);
  if (!hasTools) return countToolTokens(encoder, functions as unknown[]);
  return countToolTokens(encoder, [...(tools as unknown[]), ...(functions as unknown[])]);
}

/** The messages plus the reply priming; with function definitions the first system message ends in "\n". */
export function countMessages(encoder: TokenEncoder, messages: readonly unknown[], withDefinitions = false): ChatCount {
  const total: ChatCount = { tokens: REPLY_PRIMING, images: 0 };
  let padSystem = withDefinitions;
  for (const message of messages) {
    let m = countMessage(encoder, message);
    if (padSystem && asObject(message)?.['role'] === 'system') {
      padSystem = false;
      const content = asObject(message)?.['content'];
      if (typeof content === 'string') m = countMessage(encoder, { ...asObject(message), content: `${content}\n` });
    }
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
    } else if (Array.isArray(value)) {
      if (key === 'content') {
        const parts = countContentParts(encoder, value);
        count.tokens += parts.tokens;
        count.images += parts.images;
      } else if (key === 'tool_calls') {
        for (const call of value) count.tokens += countCall(encoder, asObject(asObject(call)?.['function']));
      }
    } else if (key === 'function_call') {
      count.tokens += countCall(encoder, asObject(value));
    }
  }
  if (m['role'] === 'function') count.tokens -= FUNCTION_ROLE_SAVING;
  return count;
}

function countCall(encoder: TokenEncoder, fn: Record<string, unknown> | undefined): number {
  if (fn === undefined) return 0;
  return encoder.count(asString(fn['name'])) + encoder.count(asString(fn['arguments'])) + PER_CALL;
}
