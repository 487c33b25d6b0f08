// decode is encode's inverse: token-array prompts and replies cut to a token limit depend on it.
import { describe, expect, it } from 'vitest';
import { loadEncoder } from '../../src/tokens/encodings.ts';

describe('decode', () => {
  it('round-trips text, special-token text included, on both encodings', async () => {
    for (const name of ['o200k_base', 'cl100k_base'] as const) {
      const encoder = await loadEncoder(name);
      for (const text of ['Hello, world!', 'naïve café 東京 🚀', 'before <|endoftext|> after', '']) {
        expect(encoder.decode(encoder.encode(text))).toBe(text);
      }
    }
  });

  it('a prefix of the tokens decodes to a prefix of the text', async () => {
    const encoder = await loadEncoder('o200k_base');
    const tokens = encoder.encode('The quick brown fox jumps over the lazy dog');
    expect(tokens.length).toBeGreaterThan(3);
    expect(encoder.decode(tokens.slice(0, 3))).toBe('The quick brown');
  });
});
