// What every route handler gets: the parsed request, the model, time, options and counters.
import type { ServerResponse } from 'node:http';
import type { ResolvedOptions } from './options.ts';
import type { ResponseStore } from './response-store.ts';
import type { Route } from './routes.ts';
import type { MockStats } from './stats.ts';
import { SseWriter } from './sse.ts';

export interface OpContext {
  res: ServerResponse;
  route: Route;
  body: Record<string, unknown>;
  /** `model` of the body, else the Azure deployment id, else gpt-4o. */
  model: string;
  /** Seconds since the epoch, as OpenAI's `created`. */
  created: number;
  options: ResolvedOptions;
  stats: MockStats;
  /** Reply text forced by the `x-mock-reply` header. */
  replyOverride: string | undefined;
  /** Per-request delay between streamed chunks. */
  chunkDelayMs: number;
  /** A scripted mid-stream failure: the stream is cut after this many events. */
  cutAfterEvents: number | undefined;
  /** Responses kept for GET/DELETE /responses/{id}. */
  responses: ResponseStore;
}

export function openSse(ctx: OpContext): SseWriter {
  ctx.stats.streamed += 1;
  const delay = ctx.chunkDelayMs;
  const pause = delay > 0
    ? () => ctx.options.sleep(delay)
    : () => new Promise<void>((resolve) => setImmediate(resolve));
  const cut = ctx.cutAfterEvents === undefined
    ? undefined
    : { events: ctx.cutAfterEvents, onCut: () => void (ctx.stats.resets += 1) };
  return new SseWriter(ctx.res, pause, cut);
}

export function numberField(body: Record<string, unknown>, name: string): number | undefined {
  const value = body[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
