import { describe, expect, it } from 'vitest';
import { decodeCacheEntry, encodeCacheEntry } from '../../../src/stores/redis/cache-codec.ts';

describe('cache codec', () => {
  it('round-trips JSON values, bytes and Buffers (as bytes, not {type:"Buffer"})', () => {
    for (const value of ['s', 0, false, null, [1, 'a'], { a: { b: [true] } }]) {
      expect(decodeCacheEntry(encodeCacheEntry(value, 5))).toEqual({ value, expiresAt: 5 });
    }
    const bytes = decodeCacheEntry(encodeCacheEntry(Buffer.from('héllo'), 1))!.value;
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.isBuffer(bytes)).toBe(false);
    expect(new TextDecoder().decode(bytes as Uint8Array)).toBe('héllo');
    const view = new Uint8Array([9, 8, 7, 6]).subarray(1, 3); // an offset view: only its own bytes
    expect(decodeCacheEntry(encodeCacheEntry({ view }, 1))!.value).toEqual({ view: new Uint8Array([8, 7]) });
  });

  it('reads foreign or damaged text as a miss', () => {
    expect(decodeCacheEntry('not json')).toBeUndefined();
    expect(decodeCacheEntry('"a string"')).toBeUndefined();
    expect(decodeCacheEntry('{"t":"j","v":1}')).toBeUndefined();
    expect(decodeCacheEntry('{"e":1,"t":"x","v":1}')).toBeUndefined();
  });

  it('keeps an object that merely has a key named like the tag, when it has other keys', () => {
    const value = { '\u0000bytes': 'AAE=', other: 1 };
    expect(decodeCacheEntry(encodeCacheEntry(value, 1))!.value).toEqual(value);
  });
});
