// llm-content-safety on a streamed completion (spec §3.4): events are held back while their text is checked in
// windows; each check covers at least window-size new characters (all that arrived), preceded by the last
// window-overlap-size characters already checked, and releases what it covered. The rest is checked when the
// stream ends. On a violation the gateway stops forwarding: the stream ends there (no 403 can be sent any more,
// the status line is gone) and what was held back is dropped; the rest of the upstream is read and discarded.
import { Transform, type TransformCallback } from 'node:stream';
import { SseParser } from '../../tokens/sse-lines.ts';
import { deltaText } from './completion-text.ts';

export interface StreamCheck {
  size: number;
  overlap: number;
  /** Null when the text passes, else why it is blocked; rejects when no verdict could be had (which blocks too). */
  check(text: string): Promise<string | null>;
  /** Told once, when the stream is cut. */
  onBlocked(why: string): void;
}

export function contentSafetyStream(options: StreamCheck): Transform {
  let held: Buffer[] = [];
  let unchecked = '';
  let checkedTail = '';
  let blocked = false;
  const parser = new SseParser((event) => {
    unchecked += deltaText(event.data);
  });

  async function release(stream: Transform, final: boolean): Promise<void> {
    if (unchecked !== '' && (final || unchecked.length >= options.size)) {
      const text = checkedTail + unchecked;
      let why: string | null;
      try {
        why = await options.check(text);
      } catch (error) {
        why = `no verdict from Content Safety: ${(error as Error).message}`;
      }
      if (why !== null) {
        blocked = true;
        held = [];
        options.onBlocked(why);
        stream.push(null);
        return;
      }
      checkedTail = options.overlap > 0 ? text.slice(-options.overlap) : '';
      unchecked = '';
    }
    if (final) {
      for (const chunk of held) stream.push(chunk);
      held = [];
    } else if (unchecked === '' && held.length > 0) {
      // Whole events only: the start of an event whose text is not known yet stays behind.
      const bytes = held.length === 1 ? held[0]! : Buffer.concat(held);
      const end = eventsEnd(bytes);
      if (end > 0) stream.push(bytes.subarray(0, end));
      held = end < bytes.length ? [bytes.subarray(end)] : [];
    }
  }

  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (blocked) return callback();
      held.push(chunk);
      parser.push(chunk);
      release(this, false).then(() => callback(), callback);
    },
    flush(callback: TransformCallback) {
      if (blocked) return callback();
      parser.end();
      release(this, true).then(() => callback(), callback);
    },
  });
}

/** Where the last complete event of `bytes` ends (after its blank line: LF LF, CR CR or CRLF CRLF); 0 if none does. */
function eventsEnd(bytes: Buffer): number {
  for (let i = bytes.length - 1; i > 0; i--) {
    const c = bytes[i]!;
    if (c === 10 && (bytes[i - 1] === 10 || (i >= 3 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13))) return i + 1;
    if (c === 13 && bytes[i - 1] === 13) return i + 1;
  }
  return 0;
}
