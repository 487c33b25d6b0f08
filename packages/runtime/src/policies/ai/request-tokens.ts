// What the AI token policies know about one request's prompt: its parsed body, whether it streams, and the
// prompt-token estimate (spec §3.1 items 5-7, §8), computed once per request whichever policies ask.
import type { RequestContext } from '../../context/request-context.ts';
import type { MaybePromise } from '../../stores/maybe-promise.ts';
import { apiFromPath, encodingForModel, estimateWith, isStreamingRequest, loadedEncoder, loadEncoder, parseJsonBody, requestModel } from '../../tokens/index.ts';
import type { EncodingName, TokenEncoder } from '../../tokens/index.ts';

export interface RequestTokens {
  body: unknown;
  /** `"stream": true`: the prompt is then always estimated, the completion counted from the stream. */
  streaming: boolean;
  model: string | undefined;
  encoding: EncodingName;
  /** Prompt tokens (images at 1200 each); computed on first use. */
  prompt(): MaybePromise<number>;
  /** The model's encoder, loaded once per process (the stream tap counts deltas with it). */
  encoder(): TokenEncoder | Promise<TokenEncoder>;
}

const byRequest = new WeakMap<RequestContext, RequestTokens>();

/** The request's token facts; the policy's step must declare readsRequestBody so the body is in memory. */
export function requestTokens(ctx: RequestContext): RequestTokens {
  let found = byRequest.get(ctx);
  if (found === undefined) {
    found = read(ctx);
    byRequest.set(ctx, found);
  }
  return found;
}

function read(ctx: RequestContext): RequestTokens {
  const bytes = ctx.Request.Body?.content;
  const body = bytes === undefined || bytes.length === 0 ? undefined : parseJsonBody(bytes);
  const path = ctx.Request.OriginalUrl.Path;
  const model = requestModel(body, deploymentOf(path));
  const encoding = encodingForModel(model);
  const api = apiFromPath(path);
  const encoder = (): TokenEncoder | Promise<TokenEncoder> => loadedEncoder(encoding) ?? loadEncoder(encoding);
  let prompt: MaybePromise<number> | undefined;
  return {
    body,
    streaming: isStreamingRequest(body),
    model,
    encoding,
    encoder,
    prompt() {
      if (prompt === undefined) {
        const count = (e: TokenEncoder): number => estimateWith(e, body, { modelHint: model, api }).tokens;
        const loaded = encoder();
        if (loaded instanceof Promise) {
          const pending = loaded.then(count);
          // Once known, later callers get the number itself (no microtask); a failure stays in `pending`.
          pending.then((n) => (prompt = n), () => undefined);
          prompt = pending;
        } else {
          prompt = count(loaded);
        }
      }
      return prompt;
    },
  };
}

/** Azure OpenAI's deployment name (…/deployments/{deployment-id}/…): the model when the body has none. */
function deploymentOf(path: string): string | undefined {
  const match = /\/deployments\/([^/]+)/i.exec(path);
  return match ? match[1] : undefined;
}
