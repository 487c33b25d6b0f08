// usage read from JSON response bodies of each API.
import { describe, expect, it } from 'vitest';
import { readUsage, readUsageFromBytes } from '../../src/tokens/usage.ts';

describe('readUsage', () => {
  it('chat completions with cached and reasoning details', () => {
    const body = {
      object: 'chat.completion',
      usage: {
        prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500,
        prompt_tokens_details: { cached_tokens: 1024, audio_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 128, audio_tokens: 0 },
      },
    };
    expect(readUsage(body)).toEqual({ promptTokens: 1200, completionTokens: 300, totalTokens: 1500, cachedTokens: 1024, reasoningTokens: 128 });
  });

  it('chat without details has no cached or reasoning fields', () => {
    expect(readUsage({ usage: { prompt_tokens: 8, completion_tokens: 9, total_tokens: 17 } })).toEqual({ promptTokens: 8, completionTokens: 9, totalTokens: 17 });
  });

  it('Responses API: input/output tokens and their details', () => {
    const body = {
      object: 'response',
      usage: { input_tokens: 36, input_tokens_details: { cached_tokens: 0 }, output_tokens: 87, output_tokens_details: { reasoning_tokens: 64 }, total_tokens: 123 },
    };
    expect(readUsage(body)).toEqual({ promptTokens: 36, completionTokens: 87, totalTokens: 123, cachedTokens: 0, reasoningTokens: 64 });
  });

  it('embeddings: prompt and total only, completion 0', () => {
    expect(readUsage({ object: 'list', data: [], usage: { prompt_tokens: 5, total_tokens: 5 } })).toEqual({ promptTokens: 5, completionTokens: 0, totalTokens: 5 });
  });

  it('total computed when missing (Anthropic shape, cache reads as cached)', () => {
    expect(readUsage({ usage: { input_tokens: 10, output_tokens: 4, cache_read_input_tokens: 2 } })).toEqual({ promptTokens: 10, completionTokens: 4, totalTokens: 14, cachedTokens: 2 });
  });

  it('no usage, null usage, bogus counts', () => {
    expect(readUsage({ choices: [] })).toBeUndefined();
    expect(readUsage({ usage: null })).toBeUndefined();
    expect(readUsage('text')).toBeUndefined();
    expect(readUsage({ usage: { prompt_tokens: -1, completion_tokens: 'x' } })).toBeUndefined();
  });

  it('from bytes; not JSON or no usage → undefined', () => {
    const bytes = new TextEncoder().encode('{"id":"x","usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7}}');
    expect(readUsageFromBytes(bytes)).toEqual({ promptTokens: 3, completionTokens: 4, totalTokens: 7 });
    expect(readUsageFromBytes('{"usage": ')).toBeUndefined();
    expect(readUsageFromBytes('<html>502</html>')).toBeUndefined();
  });
});
