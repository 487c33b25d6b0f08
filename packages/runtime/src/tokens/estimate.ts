// Prompt-token estimate of a request body, as llm-token-limit does before forwarding when estimating
// (estimate-prompt-tokens="true", or any streaming request: spec §3.1 items 5-7, §8).
import { countChatRequest } from './chat-tokens.ts';
import type { TokenEncoder } from './encoder.ts';
import { encodingForModel, loadEncoder } from './encodings.ts';
import type { EncodingName } from './encodings.ts';
import { countTextInput } from './input-tokens.ts';
import { asObject } from './json-shapes.ts';
import { apiFromBody } from './request-kind.ts';
import type { ApiKind } from './request-kind.ts';
import { countResponsesRequest } from './responses-tokens.ts';

export interface EstimateOptions {
  /** Model when the body has no `model`: an Azure deployment name (deployment-id), for instance. */
  modelHint?: string;
  /** The API, when the operation tells it (apiFromPath); otherwise guessed from the body. */
  api?: ApiKind;
}

export interface PromptEstimate {
  tokens: number;
  /** undefined when the body was not an object or matched no known API (tokens is then 0). */
  api: ApiKind | undefined;
  model: string | undefined;
  encoding: EncodingName;
  /** Images charged at 1200 tokens each (already in `tokens`). */
  images: number;
}

/** The model a request is for: the body's `model`, else the hint. */
export function requestModel(body: unknown, modelHint?: string): string | undefined {
  const model = asObject(body)?.['model'];
  return typeof model === 'string' && model.length > 0 ? model : modelHint;
}

/** `"stream": true` in the body: APIM then always estimates (spec §3.1 item 6). */
export function isStreamingRequest(body: unknown): boolean {
  return asObject(body)?.['stream'] === true;
}

/** Loads the model's encoding on first use, then counts. */
export async function estimatePromptTokens(body: unknown, options: EstimateOptions = {}): Promise<PromptEstimate> {
  const model = requestModel(body, options.modelHint);
  const encoder = await loadEncoder(encodingForModel(model));
  return estimateWith(encoder, body, options);
}

/** Synchronous form for callers that hold the encoder (encodingForModel(requestModel(...)) → loadEncoder). */
export function estimateWith(encoder: TokenEncoder, body: unknown, options: EstimateOptions = {}): PromptEstimate {
  const model = requestModel(body, options.modelHint);
  const result: PromptEstimate = { tokens: 0, api: undefined, model, encoding: encoder.name, images: 0 };
  const b = asObject(body);
  if (b === undefined) return result;
  const api = options.api ?? apiFromBody(b, model);
  result.api = api;
  switch (api) {
    case 'chat': {
      const c = countChatRequest(encoder, b);
      result.tokens = c.tokens;
      result.images = c.images;
      break;
    }
    case 'responses': {
      const c = countResponsesRequest(encoder, b);
      result.tokens = c.tokens;
      result.images = c.images;
      break;
    }
    case 'embeddings':
      result.tokens = countTextInput(encoder, b['input']);
      break;
    case 'completions':
      result.tokens = countTextInput(encoder, b['prompt']);
      break;
    default:
      break;
  }
  return result;
}
