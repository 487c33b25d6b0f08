// The incremental SSE parser: events split anywhere, every line ending, multi-line data, comments.
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../src/tokens/sse-lines.ts';
import type { SseEvent } from '../../src/tokens/sse-lines.ts';

function parseInPieces(text: string, size: number): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = new SseParser((e) => events.push(e));
  const bytes = new TextEncoder().encode(text);
  for (let i = 0; i < bytes.length; i += size) parser.push(bytes.subarray(i, i + size));
  parser.end();
  return events;
}

const STREAM = ': keep-alive\r\nevent: response.created\r\ndata: {"a":"é😀"}\r\n\r\ndata: line1\rdata:line2\r\rdata: [DONE]\n\n';
const EXPECTED: SseEvent[] = [
  { event: 'response.created', data: '{"a":"é😀"}' },
  { event: undefined, data: 'line1\nline2' },
  { event: undefined, data: '[DONE]' },
];

describe('SseParser', () => {
  it.each([1, 2, 3, 5, 7, 1000])('gives the same events whatever the chunk size (%i bytes)', (size) => {
    expect(parseInPieces(STREAM, size)).toEqual(EXPECTED);
  });

  it('drops an event not closed by a blank line at the end', () => {
    expect(parseInPieces('data: a\n\ndata: b\n', 4)).toEqual([{ event: undefined, data: 'a' }]);
  });

  it('ignores events without data and unknown fields', () => {
    expect(parseInPieces('event: ping\n\nid: 3\nretry: 10\ndata\n\n', 3)).toEqual([{ event: undefined, data: '' }]);
  });
});
