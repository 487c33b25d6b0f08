// One request's model usage, read once for every AI token policy that asks: from the JSON body when outbound
// starts (the backend has answered; headers can still be set), or from an SSE body as it passes to the client
// (never buffered: the usage tap forwards each chunk at once and reports at the end of the stream).
import { pipeline as pipe, type Readable } from 'node:stream';
import type { RequestContext } from '../../context/request-context.ts';
import { MessageBody } from '../../context/message-body.ts';
import type { MaybePromise } from '../../stores/maybe-promise.ts';
import { createSseUsageTransform, isEventStream, readUsageFromBytes } from '../../tokens/index.ts';
import type { StreamUsageReport, TokenUsage } from '../../tokens/index.ts';
import { requestTokens } from './request-tokens.ts';
import { RequestSlot } from '../../context/request-slot.ts';

export interface UsageListener {
  /**
   * The response is known and its headers are still open: `usage` from a JSON body, `'stream'` when it will
   * come at the end of an SSE stream, null when the response reports none (an error, a non-LLM answer).
   */
  response(ctx: RequestContext, usage: TokenUsage | null | 'stream'): MaybePromise<void>;
  /** An SSE response ended (or was cut off): its usage, reported by the stream or estimated from its deltas. */
  streamEnded(ctx: RequestContext, report: StreamUsageReport): MaybePromise<void>;
}

interface Watch {
  listeners: UsageListener[];
  settled: boolean;
}

const byRequest = new RequestSlot<Watch>();

/** Calls `listener` once the request's usage is known. The first watcher of a request installs the hooks. */
export function watchUsage(ctx: RequestContext, listener: UsageListener): void {
  let watch = byRequest.get(ctx);
  if (watch === undefined) {
    const created: Watch = { listeners: [], settled: false };
    watch = created;
    byRequest.set(ctx, created);
    // Outbound starts after the backend answered; when the flow ends another way (return-response, a fault),
    // onComplete settles with whatever response there is. One hook for both.
    const hook = settleHook(created);
    ctx.onOutbound.push(hook);
    ctx.onComplete.push(hook);
  }
  watch.listeners.push(listener);
}

// Returned, not bound to a name: tsx (keepNames) would give a named closure a defineProperty per request.
function settleHook(watch: Watch): (ctx: RequestContext) => Promise<void> | undefined {
  return (done) => (watch.settled ? undefined : settle(done, watch));
}

async function settle(ctx: RequestContext, watch: Watch): Promise<void> {
  watch.settled = true;
  const body = ctx.Response.Body;
  const contentType = ctx.Response.Headers.first('Content-Type');
  if (body !== null && !body.buffered && (isEventStream(contentType) || (requestTokens(ctx).streaming && !isJson(contentType)))) {
    await tapStream(ctx, watch, body);
    return;
  }
  let usage: TokenUsage | null = null;
  if (body !== null && isJson(contentType)) {
    await body.buffer();
    usage = readUsageFromBytes(body.content) ?? null;
  }
  await notifyResponse(ctx, watch, usage);
}

/** Puts the usage tap between the backend's stream and the client. */
async function tapStream(ctx: RequestContext, watch: Watch, body: MessageBody): Promise<void> {
  const tokens = requestTokens(ctx);
  // The prompt estimate stands in for the prompt when the stream reports no usage.
  let promptTokens = 0;
  try {
    promptTokens = await tokens.prompt();
  } catch {
    // No encoder, no estimate: the completion is still counted from the stream when it can be.
  }
  const tap = createSseUsageTransform({
    encoder: tokens.encoder(),
    promptTokens,
    onEnd: (report) => void notifyStreamEnd(ctx, watch, report),
  });
  // pipeline(): an upstream error destroys the tap (which then reports what it saw, aborted), a client that
  // goes away destroys the upstream. The error itself reaches the client through the tap.
  pipe(body.toWire() as Readable, tap, ignore);
  ctx.Response.Body = new MessageBody(tap, body.contentType);
  await notifyResponse(ctx, watch, 'stream');
}

/*
 * Every listener, independently (a limit waiting on its store does not hold the metrics back); accounting that
 * fails is traced, never turned into a failed response. Synchronous while the listeners are (in-memory stores),
 * so a stream's usage is counted by the time its end is read. Two functions rather than one taking a callback:
 * no closure per request.
 */
function notifyResponse(ctx: RequestContext, watch: Watch, usage: TokenUsage | null | 'stream'): MaybePromise<void> {
  let pending: Promise<void>[] | undefined;
  for (const listener of watch.listeners) {
    try {
      const result = listener.response(ctx, usage);
      if (result instanceof Promise) (pending ??= []).push(traced(ctx, result));
    } catch (error) {
      traceFailure(ctx, error);
    }
  }
  if (pending !== undefined) return Promise.all(pending).then(ignore);
}

function notifyStreamEnd(ctx: RequestContext, watch: Watch, report: StreamUsageReport): MaybePromise<void> {
  let pending: Promise<void>[] | undefined;
  for (const listener of watch.listeners) {
    try {
      const result = listener.streamEnded(ctx, report);
      if (result instanceof Promise) (pending ??= []).push(traced(ctx, result));
    } catch (error) {
      traceFailure(ctx, error);
    }
  }
  if (pending !== undefined) return Promise.all(pending).then(ignore);
}

function traced(ctx: RequestContext, result: Promise<void>): Promise<void> {
  return result.catch((error: unknown) => traceFailure(ctx, error));
}

function traceFailure(ctx: RequestContext, error: unknown): void {
  ctx.traces.push({ source: 'llm-token-usage', severity: 'error', message: error instanceof Error ? error.message : String(error) });
}

function ignore(): undefined {
  return undefined;
}

/** JSON, or no Content-Type at all (some OpenAI-compatible servers omit it): a body worth reading for usage. */
function isJson(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = contentType.toLowerCase().split(';')[0]!.trim();
  return type === 'application/json' || type.endsWith('+json');
}
