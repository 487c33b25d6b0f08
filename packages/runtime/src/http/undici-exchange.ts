// One request on the wire through undici, until its response head arrives, it fails, it times out or the client
// aborts; after the head, it feeds the UpstreamBody. undici's dispatch interface rather than node:http's
// ClientRequest: no ClientRequest, IncomingMessage, agent bookkeeping or second header parse per request. A class
// with methods, not closures: it is made for every request.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { unwatchAbort, watchAbort, type AbortWatcher } from './abort-watch.ts';
import { clientAborted, ForwardError, toForwardError } from './forward-error.ts';
import type { Body } from './types.ts';
import { UpstreamBody, type UpstreamFeed } from './upstream-body.ts';

/** A response head, whichever client fetched it. */
export interface UpstreamHead {
  status: number;
  reason: string;
  /** Names and values alternating, as they came. */
  rawHeaders: string[];
  body: Readable;
}

/**
 * A pooled keep-alive connection the backend had closed before our request reached it: nothing of the request
 * was processed, so it may be sent again when its body can be (a race every keep-alive client meets).
 */
export class StaleSocket extends Error {
  constructor(readonly error: ForwardError) {
    super(error.message);
  }
}

export class UndiciExchange implements Dispatcher.DispatchHandlers, AbortWatcher, UpstreamFeed {
  private settled = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private abortUpstream: ((error?: Error) => void) | null = null;
  /** An abort asked for before undici handed us its abort function (the request was still queued or connecting). */
  private pendingAbort: Error | null = null;
  private resumeUpstream: (() => void) | null = null;
  private body: UpstreamBody | null = null;

  constructor(
    private readonly requestBody: Body,
    private readonly signal: AbortSignal | undefined,
    timeoutMs: number,
    private readonly resolve: (head: UpstreamHead) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => this.fail(new ForwardError('Timeout', `the backend did not answer within ${timeoutMs} ms`)), Math.max(0, timeoutMs))
      : undefined;
    if (signal) watchAbort(signal, this);
  }

  onConnect(abort: (error?: Error) => void): void {
    if (this.pendingAbort !== null) abort(this.pendingAbort);
    else this.abortUpstream = abort;
  }

  onHeaders(status: number, raw: Buffer[], resume: () => void, reason: string): boolean {
    // 1xx informational heads are not the response.
    if (status < 200 || this.settled) return true;
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.resumeUpstream = resume;
    const rawHeaders = new Array<string>(raw.length);
    for (let i = 0; i < raw.length; i++) rawHeaders[i] = raw[i]!.toString('latin1');
    this.body = new UpstreamBody(this);
    this.resolve({ status, reason, rawHeaders, body: this.body });
    return true;
  }

  onData(chunk: Buffer): boolean {
    return this.body === null ? true : this.body.chunk(chunk);
  }

  onComplete(): void {
    this.release();
    this.body?.end();
  }

  onError(error: Error): void {
    this.release();
    if (this.settled) {
      this.body?.fail(toForwardError(error));
      return;
    }
    this.settled = true;
    if (this.timer) clearTimeout(this.timer);
    this.reject(this.typed(error));
  }

  /** UpstreamFeed: a reader wants more. */
  resume(): void {
    this.resumeUpstream?.();
  }

  /** UpstreamFeed, and timeouts and client aborts: close the upstream request and its connection. */
  abort(error: Error): void {
    if (this.abortUpstream !== null) this.abortUpstream(error);
    else this.pendingAbort ??= error;
  }

  /** The client's signal fired. */
  onAbort(): void {
    if (this.body !== null) this.body.destroy(clientAborted());
    else this.fail(clientAborted());
  }

  /** Ends the wait for the head with `error` (timeout, client abort), and the upstream request with it. */
  private fail(error: ForwardError): void {
    if (this.settled) return;
    this.settled = true;
    this.release();
    this.abort(error);
    this.reject(error);
  }

  private release(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.signal) unwatchAbort(this.signal, this);
  }

  private typed(error: Error): Error {
    if (error instanceof ForwardError) return error;
    const body = this.requestBody;
    if (body !== undefined && !(body instanceof Uint8Array) && body.errored) {
      const cause = body.errored as Error;
      return new ForwardError('ClientConnectionFailure', `reading the request body failed: ${cause.message}`, { cause });
    }
    const typed = toForwardError(error);
    // A socket that had already carried a response (bytesRead > 0) and closed before answering this one: stale.
    const { code, socket } = error as Error & { code?: string; socket?: { bytesRead?: number } };
    return code === 'UND_ERR_SOCKET' && (socket?.bytesRead ?? 0) > 0 ? new StaleSocket(typed) : typed;
  }
}
