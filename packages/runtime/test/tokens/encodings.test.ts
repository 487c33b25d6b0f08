// Encodings are loaded lazily and once; counts are the same from the cache as from the encoder.
import { describe, expect, it } from 'vitest';
import { loadEncoder, loadedEncoder } from '../../src/tokens/encodings.ts';

describe('loading', () => {
  it('nothing is loaded before first use; concurrent first uses share one load', async () => {
    expect(loadedEncoder('cl100k_base')).toBeUndefined();
    const [a, b] = await Promise.all([loadEncoder('cl100k_base'), loadEncoder('cl100k_base')]);
    expect(a).toBe(b);
    expect(loadedEncoder('cl100k_base')).toBe(a);
    expect(await loadEncoder('cl100k_base')).toBe(a);
    expect(a.name).toBe('cl100k_base');
  });
});

describe('counting', () => {
  it('cached and uncached (long) texts count as their encoding', async () => {
    const encoder = await loadEncoder('o200k_base');
    const short = 'How many tokens is this sentence?';
    expect(encoder.count(short)).toBe(7);
    expect(encoder.count(short)).toBe(encoder.encode(short).length);
    const long = `${short} `.repeat(400);
    expect(long.length).toBeGreaterThan(8192);
    expect(encoder.count(long)).toBe(encoder.encode(long).length);
    expect(encoder.count('')).toBe(0);
  });
});
