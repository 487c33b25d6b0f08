// An incremental Server-Sent Events parser (the WHATWG event-stream rules that matter here): bytes arrive in
// arbitrary chunks, so a line, a UTF-8 character or an event may be split anywhere; lines end in LF, CRLF or
// CR; `data:` lines of one event are joined with LF; a blank line ends the event; comments are ignored.

export interface SseEvent {
  event: string | undefined;
  data: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder();
  private partial = '';
  private skipLf = false;
  private data: string[] = [];
  private event: string | undefined;

  constructor(private readonly onEvent: (event: SseEvent) => void) {}

  push(chunk: Uint8Array | string): void {
    const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      if (c === 10 && this.skipLf && i === start) {
        // The LF of a CRLF whose CR ended the previous line (possibly in the previous chunk).
        this.skipLf = false;
        start = i + 1;
        continue;
      }
      this.line(this.partial + text.slice(start, i));
      this.partial = '';
      this.skipLf = c === 13;
      start = i + 1;
    }
    if (start < text.length) {
      this.partial += text.slice(start);
      this.skipLf = false;
    }
  }

  /** End of stream: an event not closed by a blank line is dropped, as the spec says. */
  end(): void {
    this.partial = '';
    this.data = [];
    this.event = undefined;
  }

  private line(line: string): void {
    if (line.length === 0) {
      if (this.data.length > 0) this.onEvent({ event: this.event, data: this.data.join('\n') });
      this.data = [];
      this.event = undefined;
      return;
    }
    if (line.charCodeAt(0) === 58) return; // ':' comment
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32) value = value.slice(1);
    if (field === 'data') this.data.push(value);
    else if (field === 'event') this.event = value;
  }
}
