// A readable stream's bytes, in one buffer. Listeners rather than `for await`: the async iterator allocates a
// promise and a result object per chunk plus its own end-of-stream machinery, and every request body and buffered
// response goes through here.
import type { Readable } from 'node:stream';

const EMPTY = Buffer.alloc(0);

/**
 * A stream that can hand over its bytes without the stream machinery (the runtime's upstream response body,
 * fed straight from the socket) implements this: it returns the collection, or null when it cannot any more
 * (it is being read as a stream already), and the listeners below take over.
 */
export const COLLECT_DIRECTLY = Symbol.for('apimx.collectDirectly');

export interface DirectlyCollectable {
  [COLLECT_DIRECTLY](maxBytes: number): Promise<Buffer> | null;
}

/** Rejects with a RangeError (and destroys the stream) past `maxBytes`, and with the stream's own error. */
export function collectStream(stream: Readable, maxBytes = Infinity): Promise<Buffer> {
  if (stream.readableEnded) return Promise.resolve(EMPTY);
  if (stream.destroyed) return Promise.reject(prematureClose());
  const direct = (stream as Partial<DirectlyCollectable>)[COLLECT_DIRECTLY];
  if (direct !== undefined) {
    const collected = direct.call(stream, maxBytes);
    if (collected !== null) return collected;
  }
  return new Promise((resolve, reject) => new Collector(stream, maxBytes, resolve, reject));
}

// A class, not closures: one instance per body, listeners are its bound methods.
class Collector {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private done = false;

  constructor(
    private readonly stream: Readable,
    private readonly maxBytes: number,
    private readonly resolve: (bytes: Buffer) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.onData = this.onData.bind(this);
    this.onEnd = this.onEnd.bind(this);
    this.onError = this.onError.bind(this);
    this.onClose = this.onClose.bind(this);
    stream.on('data', this.onData);
    stream.on('end', this.onEnd);
    stream.on('error', this.onError);
    stream.on('close', this.onClose);
  }

  private onData(chunk: Buffer | string): void {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.total += buffer.length;
    if (this.total > this.maxBytes) {
      this.fail(new RangeError(`body is larger than ${this.maxBytes} bytes`));
      this.stream.destroy();
      return;
    }
    this.chunks.push(buffer);
  }

  private onEnd(): void {
    if (this.done) return;
    this.finish();
    const { chunks } = this;
    this.resolve(chunks.length === 0 ? EMPTY : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.total));
  }

  private onError(error: Error): void {
    this.fail(error);
  }

  /** Closed without 'end' or 'error' (destroyed quietly): the body is cut short. */
  private onClose(): void {
    this.fail(prematureClose());
  }

  private fail(error: Error): void {
    if (this.done) return;
    this.finish();
    this.reject(error);
  }

  private finish(): void {
    this.done = true;
    const { stream } = this;
    stream.removeListener('data', this.onData);
    stream.removeListener('end', this.onEnd);
    stream.removeListener('error', this.onError);
    stream.removeListener('close', this.onClose);
  }
}

function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}
