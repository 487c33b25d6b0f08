// Token counting as OpenAI does it: the model's BPE encoding, loaded lazily and once per process.
import { Tiktoken } from 'js-tiktoken/lite';

export type EncodingName = 'o200k_base' | 'cl100k_base';

/**
 * o200k_base for the gpt-4o generation and later (gpt-4o, gpt-4.1, gpt-4.5, gpt-5, o-series, chatgpt-4o);
 * cl100k_base for gpt-4, gpt-3.5 and the embedding models. An unknown model gets o200k_base, the current default.
 */
export function encodingForModel(model: string): EncodingName {
  const m = model.toLowerCase();
  if (/^(gpt-4o|gpt-4\.|gpt-5|chatgpt-4o|o\d)/.test(m)) return 'o200k_base';
  if (/^(gpt-4|gpt-35|gpt-3\.5|text-embedding-|davinci-002|babbage-002)/.test(m)) return 'cl100k_base';
  return 'o200k_base';
}

const loading = new Map<EncodingName, Promise<Encoder>>();

/** The encoder for a name; the rank table (several MB) is imported on first use only. */
export function loadEncoder(name: EncodingName): Promise<Encoder> {
  let pending = loading.get(name);
  if (pending === undefined) {
    pending = importRanks(name).then((ranks) => new Encoder(new Tiktoken(ranks)));
    loading.set(name, pending);
  }
  return pending;
}

async function importRanks(name: EncodingName) {
  const mod = name === 'o200k_base'
    ? await import('js-tiktoken/ranks/o200k_base')
    : await import('js-tiktoken/ranks/cl100k_base');
  return mod.default;
}

const CACHE_LIMIT = 2048;

/** Wraps a Tiktoken with a bounded count cache: benchmarks send the same messages again and again. */
export class Encoder {
  private readonly counts = new Map<string, number>();

  constructor(private readonly tiktoken: Tiktoken) {}

  /** Special-token text such as `<|endoftext|>` is counted as ordinary text, as the API does for user input. */
  encode(text: string): number[] {
    return this.tiktoken.encode(text, [], []);
  }

  decode(tokens: number[]): string {
    return this.tiktoken.decode(tokens);
  }

  count(text: string): number {
    if (text.length === 0) return 0;
    const known = this.counts.get(text);
    if (known !== undefined) return known;
    const n = this.encode(text).length;
    if (this.counts.size >= CACHE_LIMIT) this.counts.clear();
    this.counts.set(text, n);
    return n;
  }

  /** The longest prefix of `text` that fits in `max` tokens (whole characters only). */
  truncate(text: string, max: number): { text: string; truncated: boolean } {
    const tokens = this.encode(text);
    if (tokens.length <= max) return { text, truncated: false };
    // A cut inside a multi-byte character decodes to U+FFFD; drop it.
    const prefix = this.decode(tokens.slice(0, Math.max(0, max))).replace(/\uFFFD+$/u, '');
    return { text: prefix, truncated: true };
  }
}
