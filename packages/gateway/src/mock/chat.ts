// POST …/chat/completions: OpenAI's chat.completion object, or chat.completion.chunk events over SSE.
import { errorBody } from './errors.ts';
import { generate, type Generated } from './generate.ts';
import { sendJson } from './http-io.ts';
import { newId } from './ids.ts';
import { numberField, openSse, type OpContext } from './op-context.ts';
import { contentText } from './content-text.ts';
import { countPrompt } from './prompt-tokens.ts';
import { splitForStream } from './reply.ts';
import { forcedToolCall, type ToolCall } from './tool-calls.ts';

const FINGERPRINT = 'fp_apimx_mock';

export async function chatCompletions(ctx: OpContext): Promise<void> {
  const messages = ctx.body['messages'];
  if (!Array.isArray(messages) || messages.length === 0) {
    sendJson(ctx.res, 400, errorBody("Missing required parameter: 'messages'.", 'invalid_request_error', 'missing_required_parameter', 'messages'));
    return;
  }
  const { encoder, promptTokens } = await countPrompt(ctx.model, ctx.body, 'chat');
  const maxTokens = numberField(ctx.body, 'max_completion_tokens') ?? numberField(ctx.body, 'max_tokens');
  const userText = lastUserText(messages);
  const call = forcedToolCall(ctx.body['tools'], ctx.body['tool_choice'], userText);
  const out: Generated = call === undefined
    ? generate(ctx, encoder, userText, maxTokens)
    : { text: '', finishReason: 'tool_calls', completionTokens: encoder.count(call.function.name + call.function.arguments) };
  const n = Math.max(1, Math.floor(numberField(ctx.body, 'n') ?? 1));
  const usage = chatUsage(promptTokens, out.completionTokens * n);
  ctx.stats.tokens.prompt += promptTokens;
  ctx.stats.tokens.completion += out.completionTokens * n;

  if (ctx.body['stream'] === true) {
    await streamChat(ctx, out, call, n, usage);
    return;
  }
  const choices = [];
  for (let index = 0; index < n; index++) {
    choices.push({
      index,
      message: call === undefined
        ? { role: 'assistant', content: out.text, refusal: null, annotations: [] }
        : { role: 'assistant', content: null, refusal: null, tool_calls: [call], annotations: [] },
      logprobs: null,
      finish_reason: out.finishReason,
    });
  }
  sendJson(ctx.res, 200, {
    id: newId('chatcmpl'),
    object: 'chat.completion',
    created: ctx.created,
    model: ctx.model,
    choices,
    usage,
    service_tier: 'default',
    system_fingerprint: FINGERPRINT,
  });
}

async function streamChat(ctx: OpContext, out: Generated, call: ToolCall | undefined, n: number, usage: ReturnType<typeof chatUsage>): Promise<void> {
  const includeUsage = (ctx.body['stream_options'] as Record<string, unknown> | undefined)?.['include_usage'] === true;
  const base = { id: newId('chatcmpl'), object: 'chat.completion.chunk', created: ctx.created, model: ctx.model, service_tier: 'default', system_fingerprint: FINGERPRINT };
  // With include_usage every chunk carries `usage: null` and a last chunk with empty choices carries the totals.
  const chunk = (choices: unknown[]) => (includeUsage ? { ...base, choices, usage: null } : { ...base, choices });
  const sse = openSse(ctx);
  const pieces = splitForStream(call === undefined ? out.text : call.function.arguments);
  for (let index = 0; index < n; index++) {
    // A tool call streams as OpenAI's do: id and name first, then the arguments in pieces.
    const first = call === undefined
      ? { role: 'assistant', content: '', refusal: null }
      : { role: 'assistant', content: null, refusal: null, tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }] };
    await sse.data(chunk([{ index, delta: first, logprobs: null, finish_reason: null }]));
    for (const piece of pieces) {
      const delta = call === undefined ? { content: piece } : { tool_calls: [{ index: 0, function: { arguments: piece } }] };
      await sse.data(chunk([{ index, delta, logprobs: null, finish_reason: null }]));
    }
    await sse.data(chunk([{ index, delta: {}, logprobs: null, finish_reason: out.finishReason }]));
  }
  if (includeUsage) await sse.data({ ...base, choices: [], usage });
  await sse.data('[DONE]');
  sse.end();
}

export function chatUsage(promptTokens: number, completionTokens: number) {
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

function lastUserText(messages: readonly unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as Record<string, unknown> | null;
    if (m !== null && typeof m === 'object' && m['role'] === 'user') return contentText(m['content']);
  }
  return '';
}
