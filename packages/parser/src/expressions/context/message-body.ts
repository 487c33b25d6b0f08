// IMessageBody (spec §2.2): context.Request.Body / context.Response.Body. A body arrives as a stream and is
// buffered only when something reads it, so bodies nobody reads (SSE above all) pass through untouched.
// Reading without preserveContent consumes it, as in APIM: a later read throws, and the message goes on with
// an empty body unless a policy sets a new one (set-body-policy.md).
import type { Readable } from 'node:stream';
import { ExpressionError } from '../dotnet/registry.ts';
import { collectStream } from './collect-stream.ts';

export class MessageBody {
  private bytes: Uint8Array | undefined;
  private stream: Readable | undefined;
  private consumed = false;

  constructor(content: Uint8Array | string | Readable | undefined, readonly contentType: string | null = null) {
    if (typeof content === 'string') this.bytes = new TextEncoder().encode(content);
    else if (content instanceof Uint8Array || content === undefined) this.bytes = content;
    else this.stream = content;
  }

  /** Whether the bytes are in memory (expressions, which are synchronous, can read them). */
  get buffered(): boolean {
    return this.stream === undefined;
  }

  /** Read the stream into memory. */
  async buffer(): Promise<void> {
    if (!this.stream) return;
    const stream = this.stream;
    this.stream = undefined;
    this.bytes = await collectStream(stream);
  }

  /** Reads the bytes under the read-once rule. */
  read(preserveContent: boolean): Uint8Array {
    if (this.consumed) {
      throw new ExpressionError('The message body has already been read and was not preserved (use preserveContent: true).', 'InvalidOperationException');
    }
    if (this.stream) throw new ExpressionError('The message body is still streaming and cannot be read here.', 'InvalidOperationException');
    const bytes = this.bytes ?? new Uint8Array(0);
    if (!preserveContent) {
      this.consumed = true;
      this.bytes = undefined;
    }
    return bytes;
  }

  text(preserveContent: boolean): string {
    return decodeUtf8(this.read(preserveContent));
  }

  /** The runtime's view of buffered bytes, not subject to the read-once rule (empty once consumed). */
  get content(): Uint8Array {
    return this.bytes ?? new Uint8Array(0);
  }

  get isConsumed(): boolean {
    return this.consumed;
  }

  /** set-body replaces the content and makes it readable again. */
  replace(content: Uint8Array | string): void {
    this.bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.stream = undefined;
    this.consumed = false;
  }

  /** What goes on the wire: the stream untouched, the bytes, or nothing once consumed. */
  toWire(): Uint8Array | Readable | undefined {
    return this.stream ?? this.bytes;
  }

  /** Length in bytes when known (quota bandwidth, Content-Length). */
  get length(): number | undefined {
    return this.bytes?.length;
  }
}

export function decodeUtf8(b: Uint8Array): string {
  const s = new TextDecoder('utf-8').decode(b);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
