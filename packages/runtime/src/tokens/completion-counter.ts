// Completion tokens estimated from streamed text deltas. Deltas are kept as text and encoded in large pieces,
// not one by one (a delta is often part of a token), cut just before a space that follows a non-space: the
// BPE pre-tokenizer starts a new piece there ("word" " next"), so the pieces count as the whole text would.
// Each stream (a choice's content, one tool call's arguments) is encoded separately.
import type { TokenEncoder } from './encoder.ts';

const PIECE = 8192;

export class CompletionCounter {
  private counted = 0;
  private pending = '';
  private channel = '';

  /** `encoder` may arrive later (still loading); text waits for it. */
  constructor(private encoder: TokenEncoder | undefined) {}

  setEncoder(encoder: TokenEncoder): void {
    this.encoder = encoder;
  }

  add(channel: string, text: string): void {
    if (text.length === 0) return;
    if (channel !== this.channel) {
      this.flush();
      this.channel = channel;
    }
    this.pending += text;
    if (this.pending.length >= PIECE && this.encoder !== undefined) this.countPiece();
  }

  /** Tokens of everything added so far (needs the encoder). */
  total(): number {
    this.flush();
    return this.counted;
  }

  private flush(): void {
    if (this.pending.length === 0 || this.encoder === undefined) return;
    this.counted += this.encoder.count(this.pending);
    this.pending = '';
  }

  private countPiece(): void {
    const text = this.pending;
    let cut = text.lastIndexOf(' ');
    while (cut > 0 && /\s/.test(text[cut - 1]!)) cut = text.lastIndexOf(' ', cut - 1);
    if (cut <= 0) {
      // No safe cut (one long word, CJK text): wait for more, but not forever.
      if (text.length < PIECE * 4) return;
      cut = text.length;
    }
    this.counted += this.encoder!.count(text.slice(0, cut));
    this.pending = text.slice(cut);
  }
}
