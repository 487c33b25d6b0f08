// What the AI token policies know about one request's prompt: its parsed body, whether it streams, and the
// prompt-token estimate (spec §3.1 items 5-7, §8), computed once per request whichever policies ask.
import type { RequestContext } from '../../context/request-context.ts';
import type { MaybePromise } from '../../stores/maybe-promise.ts';
import { apiFromPath, encodingForModel, estimateWith, isStreamingRequest, loadedEncoder, loadEncoder, parseJsonBody, requestModel } from '../../tokens/index.ts';
import type { ApiKind, EncodingName, TokenEncoder } from '../../tokens/index.ts';
import { originalPath } from './request-path.ts';
import { RequestSlot } from '../../context/request-slot.ts';

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

const byRequest = new RequestSlot<RequestTokens>();

/** The request's token facts; the policy's step must declare readsRequestBody so the body is in memory. */
export function requestTokens(ctx: RequestContext): RequestTokens {
  let found = byRequest.get(ctx);
  if (found === undefined) {
    found = new RequestTokenFacts(ctx);
    byRequest.set(ctx, found);
  }
  return found;
}

// A class rather than an object of closures: nothing is allocated per request beyond the instance.
class RequestTokenFacts implements RequestTokens {
  readonly body: unknown;
  readonly streaming: boolean;
  readonly model: string | undefined;
  readonly encoding: EncodingName;
  private readonly api: ApiKind | undefined;
  private counted: MaybePromise<number> | undefined;

  constructor(ctx: RequestContext) {
    const bytes = ctx.Request.Body?.content;
    this.body = bytes === undefined || bytes.length === 0 ? undefined : parseJsonBody(bytes);
    const path = originalPath(ctx.incoming.url);
    this.model = requestModel(this.body, deploymentOf(path));
    this.encoding = encodingForModel(this.model);
    this.api = apiFromPath(path);
    this.streaming = isStreamingRequest(this.body);
  }

  encoder(): TokenEncoder | Promise<TokenEncoder> {
    return loadedEncoder(this.encoding) ?? loadEncoder(this.encoding);
  }

  prompt(): MaybePromise<number> {
    if (this.counted === undefined) {
      const loaded = this.encoder();
      if (loaded instanceof Promise) {
        const pending = loaded.then((e) => this.count(e));
        // Once known, later callers get the number itself (no microtask); a failure stays in `pending`.
        pending.then((n) => (this.counted = n), () => undefined);
        this.counted = pending;
      } else {
        this.counted = this.count(loaded);
      }
    }
    return this.counted;
  }

  private count(encoder: TokenEncoder): number {
    return estimateWith(encoder, this.body, { modelHint: this.model, api: this.api }).tokens;
  }
}

/** Azure OpenAI's deployment name (…/deployments/{deployment-id}/…): the model when the body has none. */
function deploymentOf(path: string): string | undefined {
  const match = /\/deployments\/([^/]+)/i.exec(path);
  return match ? match[1] : undefined;
}
