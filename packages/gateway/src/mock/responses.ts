// POST …/responses: the Responses API object, or its typed SSE events (response.created … response.completed).
// input_tokens: the runtime's Responses rule (the chat rule over instructions and input items); OpenAI does not
// document the Responses overhead, so this is an approximation.
import { errorBody } from './errors.ts';
import { generate, type Generated } from './generate.ts';
import { sendJson } from './http-io.ts';
import { newId } from './ids.ts';
import { numberField, openSse, type OpContext } from './op-context.ts';
import { contentText } from './content-text.ts';
import { countPrompt } from './prompt-tokens.ts';
import { splitForStream } from './reply.ts';

export async function responses(ctx: OpContext): Promise<void> {
  const items = inputItems(ctx.body['input']);
  if (items === undefined) {
    sendJson(ctx.res, 400, errorBody("'input' must be a string or an array of input items.", 'invalid_request_error', null, 'input'));
    return;
  }
  const instructions = typeof ctx.body['instructions'] === 'string' ? ctx.body['instructions'] : null;
  const { encoder, promptTokens: inputTokens } = await countPrompt(ctx.model, ctx.body, 'responses');
  const maxOutput = numberField(ctx.body, 'max_output_tokens');
  const out = generate(ctx, encoder, lastUserText(items), maxOutput);
  ctx.stats.tokens.prompt += inputTokens;
  ctx.stats.tokens.completion += out.completionTokens;

  const id = newId('resp', '_');
  const messageId = newId('msg', '_');
  const shell = responseShell(ctx, id, instructions, maxOutput);
  const part = { type: 'output_text', text: out.text, annotations: [], logprobs: [] };
  const item = { id: messageId, type: 'message', status: 'completed', role: 'assistant', content: [part] };
  const final = {
    ...shell,
    ...finalStatus(out),
    output: [item],
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: out.completionTokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + out.completionTokens,
    },
  };
  // store defaults to true (OpenAI): kept for GET /responses/{id} and its input_items.
  if (shell.store) ctx.responses.put(id, { response: final, inputItems: storedItems(items) });
  if (ctx.body['stream'] !== true) {
    sendJson(ctx.res, 200, final);
    return;
  }

  const sse = openSse(ctx);
  let sequence = 0;
  const emit = (type: string, fields: Record<string, unknown>) => sse.data({ type, sequence_number: sequence++, ...fields }, type);
  const inProgress = { ...shell, status: 'in_progress', output: [], usage: null };
  const at = { item_id: messageId, output_index: 0, content_index: 0 };
  await emit('response.created', { response: inProgress });
  await emit('response.in_progress', { response: inProgress });
  await emit('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
  await emit('response.content_part.added', { ...at, part: { ...part, text: '' } });
  for (const delta of splitForStream(out.text)) await emit('response.output_text.delta', { ...at, delta, logprobs: [] });
  await emit('response.output_text.done', { ...at, text: out.text, logprobs: [] });
  await emit('response.content_part.done', { ...at, part });
  await emit('response.output_item.done', { output_index: 0, item });
  await emit(out.finishReason === 'length' ? 'response.incomplete' : 'response.completed', { response: final });
  sse.end();
}

function finalStatus(out: Generated) {
  return out.finishReason === 'length'
    ? { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }
    : { status: 'completed', incomplete_details: null };
}

function responseShell(ctx: OpContext, id: string, instructions: string | null, maxOutput: number | undefined) {
  return {
    id,
    object: 'response',
    created_at: ctx.created,
    status: 'in_progress',
    background: false,
    error: null,
    incomplete_details: null,
    instructions,
    max_output_tokens: maxOutput ?? null,
    model: ctx.model,
    parallel_tool_calls: true,
    previous_response_id: typeof ctx.body['previous_response_id'] === 'string' ? ctx.body['previous_response_id'] : null,
    reasoning: { effort: null, summary: null },
    store: ctx.body['store'] !== false,
    temperature: numberField(ctx.body, 'temperature') ?? 1,
    text: { format: { type: 'text' } },
    tool_choice: 'auto',
    tools: Array.isArray(ctx.body['tools']) ? ctx.body['tools'] : [],
    top_p: numberField(ctx.body, 'top_p') ?? 1,
    truncation: 'disabled',
    user: null,
    metadata: ctx.body['metadata'] ?? {},
  };
}

/** A string input is one user message; an array must hold items (objects). The runtime counts them. */
function inputItems(input: unknown): Record<string, unknown>[] | undefined {
  if (typeof input === 'string') return [{ role: 'user', content: input }];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (!input.every((x) => x !== null && typeof x === 'object' && !Array.isArray(x))) return undefined;
  return input as Record<string, unknown>[];
}

/** Input items as input_items lists them: each with an id; a message's text content as an input_text part. */
function storedItems(items: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return items.map((item) => {
    const isMessage = item['type'] === undefined || item['type'] === 'message';
    const id = typeof item['id'] === 'string' ? item['id'] : newId(isMessage ? 'msg' : 'item', '_');
    if (!isMessage) return { ...item, id };
    const content = typeof item['content'] === 'string'
      ? [{ type: item['role'] === 'assistant' ? 'output_text' : 'input_text', text: item['content'] }]
      : item['content'];
    return { id, type: 'message', role: item['role'], status: 'completed', content };
  });
}

function lastUserText(items: readonly Record<string, unknown>[]): string {
  for (let i = items.length - 1; i >= 0; i--) if (items[i]!['role'] === 'user') return contentText(items[i]!['content']);
  return '';
}
