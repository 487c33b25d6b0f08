// The prompt of an LLM request as a list of messages with their text, whatever the API: Chat Completions
// (`messages`, Anthropic's top-level `system` too), Responses (`instructions`, `input`), legacy Completions
// (`prompt`). The semantic cache embeds it and content safety checks it. Other requests (embeddings, anything
// not JSON) have no prompt: undefined. Only text counts; images, audio and tool calls carry none.
import type { RequestContext } from '../../context/request-context.ts';
import { apiFromBody, apiFromPath, isStreamingRequest, parseJsonBody, requestModel } from '../../tokens/index.ts';
import type { ApiKind } from '../../tokens/index.ts';
import { asObject } from '../../tokens/json-shapes.ts';
import { originalPath } from './request-path.ts';

export interface PromptMessage {
  role: string;
  text: string;
}

export interface Prompt {
  api: Exclude<ApiKind, 'embeddings'>;
  messages: PromptMessage[];
  /** `"stream": true`. */
  streaming: boolean;
}

// `developer` is the newer OpenAI name of the system role.
const SYSTEM_ROLES = new Set(['system', 'developer']);

export function isSystemMessage(message: PromptMessage): boolean {
  return SYSTEM_ROLES.has(message.role);
}

/** The request's prompt; the calling step must declare readsRequestBody so the body is in memory. */
export function promptOf(ctx: RequestContext): Prompt | undefined {
  const bytes = ctx.Request.Body?.content;
  if (bytes === undefined || bytes.length === 0) return undefined;
  const body = asObject(parseJsonBody(bytes));
  if (body === undefined) return undefined;
  const api = apiFromPath(originalPath(ctx.incoming.url)) ?? apiFromBody(body, requestModel(body));
  const streaming = isStreamingRequest(body);
  switch (api) {
    case 'chat':
      return { api, messages: chatMessages(body), streaming };
    case 'completions':
      return { api, messages: completionPrompt(body['prompt']), streaming };
    case 'responses':
      return { api, messages: responsesInput(body), streaming };
    default:
      return undefined;
  }
}

/** Every text of the messages, in order, one per line. */
export function joinedText(messages: readonly PromptMessage[]): string {
  let text = '';
  for (const message of messages) {
    if (message.text === '') continue;
    text = text === '' ? message.text : `${text}\n${message.text}`;
  }
  return text;
}

function chatMessages(body: Record<string, unknown>): PromptMessage[] {
  const messages: PromptMessage[] = [];
  if (!Array.isArray(body['messages'])) return messages;
  const system = body['system']; // Anthropic Messages
  if (system !== undefined) messages.push({ role: 'system', text: contentText(system) });
  for (const item of body['messages'] as unknown[]) {
    const message = asObject(item);
    if (message === undefined) continue;
    messages.push({ role: typeof message['role'] === 'string' ? message['role'] : 'user', text: contentText(message['content']) });
  }
  return messages;
}

function completionPrompt(prompt: unknown): PromptMessage[] {
  if (typeof prompt === 'string') return [{ role: 'user', text: prompt }];
  if (Array.isArray(prompt)) return prompt.filter((p): p is string => typeof p === 'string').map((text) => ({ role: 'user', text }));
  return [];
}

function responsesInput(body: Record<string, unknown>): PromptMessage[] {
  const messages: PromptMessage[] = [];
  if (typeof body['instructions'] === 'string') messages.push({ role: 'system', text: body['instructions'] });
  const input = body['input'];
  if (typeof input === 'string') {
    messages.push({ role: 'user', text: input });
    return messages;
  }
  if (!Array.isArray(input)) return messages;
  for (const item of input) {
    if (typeof item === 'string') {
      messages.push({ role: 'user', text: item });
      continue;
    }
    const message = asObject(item);
    if (message === undefined) continue;
    // Messages (with or without type "message"); tool outputs count as text the model reads.
    if (message['role'] !== undefined) messages.push({ role: String(message['role']), text: contentText(message['content']) });
    else if (typeof message['output'] === 'string') messages.push({ role: 'tool', text: message['output'] });
  }
  return messages;
}

/** A content field: a string, or parts of which the text ones count (`text`, `input_text`, `output_text`). */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  let text = '';
  for (const part of content) {
    const piece = typeof part === 'string' ? part : asObject(part)?.['text'];
    if (typeof piece !== 'string' || piece === '') continue;
    text = text === '' ? piece : `${text}\n${piece}`;
  }
  return text;
}
