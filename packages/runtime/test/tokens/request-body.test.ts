// Estimates from raw body bytes, and recognising an event stream by its Content-Type.
import { describe, expect, it } from 'vitest';
import { estimatePromptTokensFromBytes, isEventStream, parseJsonBody } from '../../src/tokens/request-body.ts';

describe('estimatePromptTokensFromBytes', () => {
  it('a JSON chat body: "Hello" on gpt-4o is 8', async () => {
    const bytes = new TextEncoder().encode(JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }));
    expect((await estimatePromptTokensFromBytes(bytes)).tokens).toBe(8);
  });

  it('a body that is not JSON, or none, is 0 tokens', async () => {
    expect((await estimatePromptTokensFromBytes('--boundary\r\nContent-Disposition: form-data')).tokens).toBe(0);
    expect((await estimatePromptTokensFromBytes(undefined)).tokens).toBe(0);
    expect(parseJsonBody('{"a":1}')).toEqual({ a: 1 });
  });
});

describe('isEventStream', () => {
  it.each([
    ['text/event-stream', true], ['text/event-stream; charset=utf-8', true], ['Text/Event-Stream', true],
    ['application/json', false], [undefined, false], ['text/event-stream-x', false],
  ])('%s → %s', (contentType, expected) => {
    expect(isEventStream(contentType)).toBe(expected);
  });
});
