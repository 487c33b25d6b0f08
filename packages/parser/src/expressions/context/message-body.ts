// IMessageBody over bytes, with APIM's read-once rule: As<T>() without preserveContent consumes the body and a
// later read throws (spec §2.2, set-body-policy.md).
import { ExpressionError } from '../dotnet/registry.ts';

export class MessageBody {
  private bytes: Uint8Array;
  private consumed = false;

  constructor(content: Uint8Array | string, readonly contentType: string | null = null) {
    this.bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }

  /** Reads the bytes under the read-once rule. */
  read(preserveContent: boolean): Uint8Array {
    if (this.consumed) {
      throw new ExpressionError('The message body has already been read and was not preserved (use preserveContent: true).', 'InvalidOperationException');
    }
    if (!preserveContent) this.consumed = true;
    return this.bytes;
  }

  /** The runtime's view (not subject to the read-once rule): forwarding, logging. */
  get content(): Uint8Array {
    return this.bytes;
  }

  get isConsumed(): boolean {
    return this.consumed;
  }

  /** set-body replaces the content and makes it readable again. */
  replace(content: Uint8Array | string): void {
    this.bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.consumed = false;
  }

  text(preserveContent: boolean): string {
    return decodeUtf8(this.read(preserveContent));
  }
}

export function decodeUtf8(b: Uint8Array): string {
  const s = new TextDecoder('utf-8').decode(b);
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}
