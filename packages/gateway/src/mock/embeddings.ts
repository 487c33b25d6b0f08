// POST …/embeddings: input as a string, strings, a token array or token arrays; `dimensions`; float or base64.
import { errorBody } from './errors.ts';
import { embedText } from './embedding-vector.ts';
import { sendJson } from './http-io.ts';
import { numberField, type OpContext } from './op-context.ts';
import { countPrompt } from './prompt-tokens.ts';

/** text-embedding-3-large is 3072 wide; text-embedding-3-small, ada-002 and anything else 1536. */
export function nativeDimensions(model: string): number {
  return /3-large/.test(model) ? 3072 : 1536;
}

export async function embeddings(ctx: OpContext): Promise<void> {
  const inputs = inputList(ctx.body['input']);
  if (inputs === undefined) {
    sendJson(ctx.res, 400, errorBody("'input' must be a non-empty string, array of strings, array of tokens or array of token arrays.", 'invalid_request_error', null, 'input'));
    return;
  }
  const native = nativeDimensions(ctx.model);
  const requested = numberField(ctx.body, 'dimensions');
  if (requested !== undefined) {
    if (/ada-002/.test(ctx.model)) {
      sendJson(ctx.res, 400, errorBody('This model does not support specifying dimensions.', 'invalid_request_error', null, 'dimensions'));
      return;
    }
    if (!Number.isInteger(requested) || requested < 1 || requested > native) {
      sendJson(ctx.res, 400, errorBody(`'dimensions' must be an integer between 1 and ${native}.`, 'invalid_request_error', null, 'dimensions'));
      return;
    }
  }
  const format = ctx.body['encoding_format'] ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    sendJson(ctx.res, 400, errorBody("'encoding_format' must be 'float' or 'base64'.", 'invalid_request_error', null, 'encoding_format'));
    return;
  }
  const { encoder, promptTokens } = await countPrompt(ctx.model, ctx.body, 'embeddings');
  const data = inputs.map((input, index) => {
    // Token arrays are decoded, so that the same text embeds the same whichever way it is sent.
    const text = typeof input === 'string' ? input : encoder.decode(input);
    // Hashed straight into the requested width, so that short vectors keep every feature.
    const vector = embedText(text, requested ?? native);
    const embedding = format === 'base64'
      ? Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64')
      : Array.from(vector);
    return { object: 'embedding', index, embedding };
  });
  ctx.stats.tokens.prompt += promptTokens;
  sendJson(ctx.res, 200, { object: 'list', data, model: ctx.model, usage: { prompt_tokens: promptTokens, total_tokens: promptTokens } });
}

type Input = string | number[];

function inputList(input: unknown): Input[] | undefined {
  if (typeof input === 'string') return [input];
  if (!Array.isArray(input) || input.length === 0) return undefined;
  if (input.every((x) => typeof x === 'number')) return [input as number[]];
  const out: Input[] = [];
  for (const item of input) {
    if (typeof item === 'string') out.push(item);
    else if (Array.isArray(item) && item.length > 0 && item.every((x) => Number.isInteger(x) && x >= 0)) out.push(item as number[]);
    else return undefined;
  }
  return out;
}
