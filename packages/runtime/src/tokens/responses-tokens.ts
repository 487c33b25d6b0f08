// Input tokens of a Responses API request. OpenAI documents no counting rule for it; we apply the chat rule
// to its shapes (our choice, documented): `instructions` is a system message, a string `input` one user
// message, each input item a message (content string or input_text/output_text/input_image parts), a
// function_call costs 3 + its name and arguments, a function_call_output 3 + its output; 3 for reply priming;
// function tools and tool_choice by the chat API's rule (tool-tokens.ts), instructions then being the system
// message the definitions join.
import { countMessage, PER_MESSAGE, REPLY_PRIMING } from './chat-tokens.ts';
import type { ChatCount } from './chat-tokens.ts';
import type { TokenEncoder } from './encoder.ts';
import { asObject, asString } from './json-shapes.ts';
import { countToolChoiceTokens, countToolTokens, JOINED_SYSTEM_SAVING } from './tool-tokens.ts';

export function countResponsesRequest(encoder: TokenEncoder, body: Record<string, unknown>): ChatCount {
  const total: ChatCount = { tokens: REPLY_PRIMING, images: 0 };
  const add = (c: ChatCount): void => {
    total.tokens += c.tokens;
    total.images += c.images;
  };
  const definitions = Array.isArray(body['tools']) ? countToolTokens(encoder, body['tools']) : 0;
  const instructions = body['instructions'];
  const hasInstructions = typeof instructions === 'string' && instructions.length > 0;
  if (hasInstructions) add(countMessage(encoder, { role: 'system', content: definitions > 0 ? `${instructions}\n` : instructions }));
  const input = body['input'];
  if (typeof input === 'string') add(countMessage(encoder, { role: 'user', content: input }));
  else if (Array.isArray(input)) for (const item of input) add(countInputItem(encoder, item));
  if (definitions > 0) {
    total.tokens += definitions + countToolChoiceTokens(encoder, body['tool_choice']);
    if (hasInstructions) total.tokens -= JOINED_SYSTEM_SAVING;
  }
  return total;
}

function countInputItem(encoder: TokenEncoder, item: unknown): ChatCount {
  const it = asObject(item);
  if (it === undefined) return { tokens: typeof item === 'string' ? PER_MESSAGE + encoder.count(item) : 0, images: 0 };
  switch (it['type']) {
    case 'function_call':
      return { tokens: PER_MESSAGE + encoder.count(asString(it['name'])) + encoder.count(asString(it['arguments'])), images: 0 };
    case 'function_call_output':
      return { tokens: PER_MESSAGE + encoder.count(outputText(it['output'])), images: 0 };
    case 'input_text':
    case 'input_image':
      // A bare content part in the input list is a user message with that one part.
      return countMessage(encoder, { role: 'user', content: [it] });
    default: {
      if (typeof it['role'] !== 'string') return { tokens: 0, images: 0 };
      // Only the parts of a message item that a chat message would have (ids and status are not prompt).
      return countMessage(encoder, { role: it['role'], content: it['content'], ...(typeof it['name'] === 'string' ? { name: it['name'] } : {}) });
    }
  }
}

function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  return output === undefined ? '' : JSON.stringify(output);
}
