// POST …/completions (legacy): text_completion objects, one choice per prompt; SSE when `stream` is true.
import type { tokens } from '@apimx/runtime';
import { errorBody } from './errors.ts';
import { generate, type Generated } from './generate.ts';
import { sendJson } from './http-io.ts';
import { newId } from './ids.ts';
import { numberField, openSse, type OpContext } from './op-context.ts';
import { countPrompt } from './prompt-tokens.ts';
import { splitForStream } from './reply.ts';

export async function completions(ctx: OpContext): Promise<void> {
  const { encoder, promptTokens } = await countPrompt(ctx.model, ctx.body, 'completions');
  const prompts = promptList(encoder, ctx.body['prompt']);
  if (prompts === undefined) {
    sendJson(ctx.res, 400, errorBody("'prompt' must be a string, array of strings, array of tokens or array of token arrays.", 'invalid_request_error', null, 'prompt'));
    return;
  }
  // OpenAI's legacy default for max_tokens is 16.
  const maxTokens = numberField(ctx.body, 'max_tokens') ?? 16;
  let completionTokens = 0;
  const outs: Generated[] = prompts.map((text) => {
    const out = generate(ctx, encoder, text, maxTokens);
    completionTokens += out.completionTokens;
    return out;
  });
  ctx.stats.tokens.prompt += promptTokens;
  ctx.stats.tokens.completion += completionTokens;
  const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
  const base = { id: newId('cmpl'), object: 'text_completion', created: ctx.created, model: ctx.model, system_fingerprint: 'fp_apimx_mock' };

  if (ctx.body['stream'] !== true) {
    const choices = outs.map((out, index) => ({ text: out.text, index, logprobs: null, finish_reason: out.finishReason }));
    sendJson(ctx.res, 200, { ...base, choices, usage });
    return;
  }
  const includeUsage = (ctx.body['stream_options'] as Record<string, unknown> | undefined)?.['include_usage'] === true;
  const chunk = (choice: unknown) => (includeUsage ? { ...base, choices: [choice], usage: null } : { ...base, choices: [choice] });
  const sse = openSse(ctx);
  for (const [index, out] of outs.entries()) {
    for (const piece of splitForStream(out.text)) await sse.data(chunk({ text: piece, index, logprobs: null, finish_reason: null }));
    await sse.data(chunk({ text: '', index, logprobs: null, finish_reason: out.finishReason }));
  }
  if (includeUsage) await sse.data({ ...base, choices: [], usage });
  await sse.data('[DONE]');
  sse.end();
}

/** Each prompt's text (token arrays decoded; ids outside the vocabulary decode to nothing); undefined if malformed. */
function promptList(encoder: tokens.TokenEncoder, prompt: unknown): string[] | undefined {
  if (typeof prompt === 'string') return [prompt];
  if (!Array.isArray(prompt) || prompt.length === 0) return undefined;
  if (prompt.every((x) => typeof x === 'number')) return [encoder.decode(prompt as number[])];
  const out: string[] = [];
  for (const item of prompt) {
    if (typeof item === 'string') out.push(item);
    else if (Array.isArray(item) && item.every((x) => Number.isInteger(x) && x >= 0)) out.push(encoder.decode(item as number[]));
    else return undefined;
  }
  return out;
}
