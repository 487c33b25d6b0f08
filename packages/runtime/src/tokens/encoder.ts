// One BPE encoding with a bounded count cache: system prompts and tool definitions repeat on every request.
import type { Tiktoken } from 'js-tiktoken/lite';
import type { EncodingName } from './encodings.ts';

const CACHE_LIMIT = 4096;
// Long texts are rarely repeated exactly and would pin memory; count them without caching.
const CACHEABLE_LENGTH = 8192;
// At most ~2M characters (~4 MB) of cached text per encoding; the cache starts over beyond that.
const CACHE_CHARS = 2_000_000;

export class TokenEncoder {
  private readonly counts = new Map<string, number>();
  private cachedChars = 0;

  constructor(readonly name: EncodingName, private readonly tiktoken: Tiktoken) {}

  /** Special-token text such as `<|endoftext|>` is ordinary text here, as the API treats user input. */
  encode(text: string): number[] {
    return this.tiktoken.encode(text, [], []);
  }

  /** Token ids back to text (a mock backend answers token-array prompts and cuts replies with it). */
  decode(tokens: readonly number[]): string {
    return this.tiktoken.decode([...tokens]);
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    if (text.length > CACHEABLE_LENGTH) return this.encode(text).length;
    const known = this.counts.get(text);
    if (known !== undefined) return known;
    const n = this.encode(text).length;
    if (this.counts.size >= CACHE_LIMIT || this.cachedChars + text.length > CACHE_CHARS) {
      this.counts.clear();
      this.cachedChars = 0;
    }
    this.counts.set(text, n);
    this.cachedChars += text.length;
    return n;
  }
}
