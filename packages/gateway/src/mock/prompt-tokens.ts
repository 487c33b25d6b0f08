// prompt_tokens for chat requests by OpenAI's documented counting rule (openai-cookbook, "How to count tokens"):
// every message costs 3 tokens plus the tokens of each of its string values (role, content, name), a name costs
// 1 more, and the reply is primed with 3. Content parts, tool calls and tool definitions are not covered by that
// rule; we count their text, which is close but not exact (an image part counts as 85 tokens, OpenAI's low-detail
// price). Tool definitions follow the cookbook's tools rule (tool-tokens.ts).
import { countToolTokens } from './tool-tokens.ts';
import type { Encoder, EncodingName } from './tokenizer.ts';

const PER_MESSAGE = 3;
const PER_NAME = 1;
const REPLY_PRIMING = 3;
const IMAGE_TOKENS = 85;

export function countChatPromptTokens(encoder: Encoder, encoding: EncodingName, messages: readonly unknown[], tools?: unknown): number {
  let total = REPLY_PRIMING;
  for (const message of messages) {
    total += PER_MESSAGE;
    if (message === null || typeof message !== 'object') continue;
    for (const [key, value] of Object.entries(message)) {
      total += countValue(encoder, key, value);
      if (key === 'name') total += PER_NAME;
    }
  }
  if (Array.isArray(tools)) total += countToolTokens(encoder, encoding, tools);
  return total;
}

function countValue(encoder: Encoder, key: string, value: unknown): number {
  if (typeof value === 'string') return encoder.count(value);
  if (key === 'content' && Array.isArray(value)) return countContentParts(encoder, value);
  if (key === 'tool_calls' && Array.isArray(value)) return encoder.count(JSON.stringify(value));
  return 0;
}

/** Text of content parts (chat `text`, Responses `input_text`/`output_text`); images at a flat price. */
export function countContentParts(encoder: Encoder, parts: readonly unknown[]): number {
  let total = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      total += encoder.count(part);
    } else if (part !== null && typeof part === 'object') {
      const p = part as Record<string, unknown>;
      if (typeof p['text'] === 'string') total += encoder.count(p['text']);
      else if (p['type'] === 'image_url' || p['type'] === 'input_image') total += IMAGE_TOKENS;
    }
  }
  return total;
}

/** The plain text of a message's content (string or parts), for building the reply. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const texts: string[] = [];
  for (const part of content) {
    if (typeof part === 'string') texts.push(part);
    else if (part !== null && typeof part === 'object' && typeof (part as Record<string, unknown>)['text'] === 'string') {
      texts.push((part as Record<string, string>)['text']!);
    }
  }
  return texts.join(' ');
}
