// context.Request.Body / context.Response.Body (IMessageBody, spec §2.2). A body arrives as a stream and is
// buffered only when something reads it; reading without preserveContent consumes it, as in APIM: a later read
// throws, and the message goes on with an empty body unless a policy sets a new one (set-body-policy.md).
import type { Readable } from 'node:stream';
import { readStream } from '../http/read-body.ts';
import type { Body } from '../http/types.ts';

export class MessageBody {
  private bytes: Uint8Array | undefined;
  private stream: Readable | undefined;
  private consumed = false;

  constructor(body: Body) {
    if (body instanceof Uint8Array) this.bytes = body;
    else this.stream = body;
  }

  get buffered(): boolean {
    return this.stream === undefined;
  }

  /** Read the stream into memory so that expressions (synchronous) can see the bytes. */
  async buffer(): Promise<void> {
    if (!this.stream) return;
    const stream = this.stream;
    this.stream = undefined;
    this.bytes = await readStream(stream);
  }

  /** The bytes for an expression's `As<T>()`: consumes the body unless `preserveContent`. */
  read(preserveContent: boolean): Uint8Array {
    if (this.consumed) throw new Error('The message body has already been read. Use preserveContent: true to read it more than once.');
    if (this.stream) throw new Error('The message body is still streaming and cannot be read by an expression here.');
    const bytes = this.bytes ?? new Uint8Array(0);
    if (!preserveContent) {
      this.consumed = true;
      this.bytes = undefined;
    }
    return bytes;
  }

  /** What goes on the wire: the stream untouched, the bytes, or nothing once consumed. */
  toWire(): Body {
    if (this.stream) return this.stream;
    return this.bytes;
  }

  /** Length in bytes when known (for quota bandwidth and Content-Length). */
  get length(): number | undefined {
    return this.bytes?.length;
  }
}
