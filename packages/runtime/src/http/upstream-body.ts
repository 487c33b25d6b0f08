// A backend response's body as undici hands it over, chunk by chunk. It is a Readable, so that anything may read
// it as a stream (the SSE usage tap, a transformation, a redirect being drained), but the two common readers skip
// the stream machinery altogether: buffering (collectStream → collected straight into one buffer) and writing it
// to the client (sendTo: each chunk straight to node's ServerResponse, with its backpressure). Whichever reader
// comes first decides; until one comes, up to 64 KB is read ahead (as node's IncomingMessage does) and kept.
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { COLLECT_DIRECTLY, type DirectlyCollectable } from '@apimx/parser';
import { ForwardError } from './forward-error.ts';

/** The exchange that owns the upstream request: it feeds the body and can pause, resume and abort it. */
export interface UpstreamFeed {
  resume(): void;
  abort(error: Error): void;
}

const WAITING = 0;
const STREAMING = 1;
const SENDING = 2;
const COLLECTING = 3;

/** Read ahead this much before any reader comes (as node's IncomingMessage would), then pause the upstream. */
const READ_AHEAD_BYTES = 64 * 1024;

export class UpstreamBody extends Readable implements DirectlyCollectable {
  private mode = WAITING;
  /** The upstream has delivered its last chunk (ended) or failed: nothing to abort any more. */
  private over = false;
  private ended = false;
  /** Chunks read ahead while WAITING, then those collected while COLLECTING. */
  private chunks: Buffer[] = [];
  private total = 0;
  private sink: ServerResponse | null = null;
  private maxBytes = Infinity;
  private resolveDirect: ((bytes: Buffer) => void) | null = null;
  private rejectDirect: ((error: Error) => void) | null = null;

  constructor(private readonly feed: UpstreamFeed) {
    super();
    // An unread body that fails must not become an uncaught exception; its reader still gets the error.
    this.on('error', noop);
  }

  /**
   * Write the whole body to `res` and end it, chunk by chunk as it arrives; resolves once `res` is closed (as
   * piping would). The upstream is aborted if the client goes away first, and an upstream failure cuts the
   * response short. Null when the body is already being read another way (then pipe it).
   */
  sendTo(res: ServerResponse): Promise<void> | null {
    if (this.mode !== WAITING || this.destroyed) return null;
    this.mode = SENDING;
    this.sink = res;
    const ahead = this.chunks;
    this.chunks = [];
    return new Promise((resolve) => {
      res.on('drain', () => this.feed.resume());
      res.on('close', () => {
        if (!this.over) this.feed.abort(new ForwardError('ClientConnectionFailure', 'the client closed the connection before the response was complete'));
        resolve();
      });
      for (const chunk of ahead) res.write(chunk);
      if (this.ended) res.end();
      else this.feed.resume();
    });
  }

  [COLLECT_DIRECTLY](maxBytes: number): Promise<Buffer> | null {
    if (this.mode !== WAITING || this.destroyed) return null;
    if (this.total > maxBytes) return null; // the stream path reports it as it always does
    this.mode = COLLECTING;
    this.maxBytes = maxBytes;
    if (this.ended) return Promise.resolve(this.collected());
    return new Promise((resolve, reject) => {
      this.resolveDirect = resolve;
      this.rejectDirect = reject;
      this.feed.resume();
    });
  }

  override _read(): void {
    if (this.mode === WAITING) {
      this.mode = STREAMING;
      const ahead = this.chunks;
      this.chunks = [];
      for (const chunk of ahead) this.push(chunk);
      if (this.ended) {
        this.push(null);
        return;
      }
    }
    this.feed.resume();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.over) {
      this.over = true;
      this.feed.abort(error ?? new ForwardError('BackendConnectionFailure', 'the response body was discarded before it was complete'));
    }
    callback(error);
  }

  /** A chunk from upstream; false asks the upstream to pause until resume(). */
  chunk(chunk: Buffer): boolean {
    switch (this.mode) {
      case SENDING:
        return this.sink!.write(chunk);
      case WAITING:
        this.chunks.push(chunk);
        this.total += chunk.length;
        return this.total < READ_AHEAD_BYTES;
      case COLLECTING:
        this.total += chunk.length;
        if (this.total > this.maxBytes) {
          this.fail(new RangeError(`body is larger than ${this.maxBytes} bytes`));
          this.feed.abort(new ForwardError('BackendConnectionFailure', 'the response body was larger than allowed'));
          return false;
        }
        this.chunks.push(chunk);
        return true;
      default:
        return this.push(chunk);
    }
  }

  /** The upstream delivered the last chunk. */
  end(): void {
    if (this.over) return;
    this.over = true;
    this.ended = true;
    switch (this.mode) {
      case SENDING:
        this.sink!.end();
        break;
      case COLLECTING:
        this.resolveDirect!(this.collected());
        break;
      case STREAMING:
        this.push(null);
        break;
      // WAITING: the reader that comes takes the chunks read ahead and sees the end.
    }
  }

  /** The upstream failed after the headers: the reader learns it the way its kind of reading reports errors. */
  fail(error: Error): void {
    const wasOver = this.over;
    this.over = true;
    switch (this.mode) {
      case SENDING:
        // The head is gone already: all that can be said is that the body is cut short.
        if (!wasOver) this.sink!.destroy();
        break;
      case COLLECTING:
        this.chunks = [];
        this.rejectDirect!(error);
        break;
      default:
        if (!this.destroyed) this.destroy(error);
    }
  }

  private collected(): Buffer {
    const { chunks } = this;
    this.chunks = [];
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.total);
  }
}

function noop(): void {}
