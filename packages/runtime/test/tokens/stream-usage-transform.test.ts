// The tap as a Transform on a response body: every chunk comes out unchanged before the next goes in, the
// whole body is byte-identical, and the report comes once at the end or when the stream is destroyed.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEncoder } from '../../src/tokens/encodings.ts';
import type { TokenEncoder } from '../../src/tokens/encoder.ts';
import type { StreamUsageReport } from '../../src/tokens/stream-usage.ts';
import { createSseUsageTransform } from '../../src/tokens/stream-usage-transform.ts';
import { chatStream, pieces } from './sse-streams.ts';

let o200k: TokenEncoder;
beforeAll(async () => {
  o200k = await loadEncoder('o200k_base');
});

const PARIS = ['The', ' capital', ' of', ' France', ' is', ' Paris', '.'];

describe('createSseUsageTransform', () => {
  it('passes each chunk on at once, unchanged, before the next one is written', () => {
    const reports: StreamUsageReport[] = [];
    const tap = createSseUsageTransform({ encoder: o200k, promptTokens: 24, onEnd: (r) => reports.push(r) });
    const seen: Buffer[] = [];
    tap.on('data', (chunk: Buffer) => seen.push(chunk));
    const input = pieces(chatStream(PARIS), 10);
    for (const [i, piece] of input.entries()) {
      tap.write(piece);
      // Synchronously out: nothing is held back waiting for an event boundary.
      expect(seen.length).toBe(i + 1);
      expect(Buffer.compare(seen[i]!, Buffer.from(piece))).toBe(0);
    }
    expect(reports).toEqual([]);
    tap.end();
    return new Promise<void>((resolve) => tap.on('close', () => {
      expect(reports).toHaveLength(1);
      expect(reports[0]).toMatchObject({ aborted: false, completed: true, usage: { promptTokens: 24, completionTokens: 7, totalTokens: 31 } });
      resolve();
    }));
  });

  it('a body piped through is byte-identical and the usage chunk is taken', async () => {
    const usage = { prompt_tokens: 24, completion_tokens: 7, total_tokens: 31 };
    const body = chatStream(PARIS, usage);
    const reports: StreamUsageReport[] = [];
    const out: Buffer[] = [];
    await pipeline(Readable.from(pieces(body, 3)), createSseUsageTransform({ encoder: o200k, onEnd: (r) => reports.push(r) }), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) out.push(chunk);
    });
    expect(Buffer.concat(out).toString('utf8')).toBe(body);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ reported: true, usage: { promptTokens: 24, completionTokens: 7, totalTokens: 31 } });
  });

  it('a client abort (destroy mid-stream) reports once what was seen, marked aborted', async () => {
    const reports: StreamUsageReport[] = [];
    const tap = createSseUsageTransform({ encoder: o200k, promptTokens: 24, onEnd: (r) => reports.push(r) });
    tap.resume();
    const body = chatStream(PARIS);
    // Up to the end of the " France" event: The, capital, of, France = 4 tokens.
    const upTo = body.indexOf('\n\n', body.indexOf(' France')) + 2;
    for (const piece of pieces(body.slice(0, upTo), 16)) tap.write(piece);
    tap.destroy();
    await new Promise((resolve) => tap.on('close', resolve));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ aborted: true, completed: false, usage: { promptTokens: 24, completionTokens: 4, totalTokens: 28 } });
  });
});
