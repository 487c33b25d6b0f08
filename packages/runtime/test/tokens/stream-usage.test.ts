// Usage of streamed responses, read as the chunks pass: reported usage when the stream has it, otherwise
// completion tokens estimated from the deltas (token counts of the texts asserted in chat-estimate.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { loadEncoder } from '../../src/tokens/encodings.ts';
import type { TokenEncoder } from '../../src/tokens/encoder.ts';
import { SseUsageTap } from '../../src/tokens/stream-usage.ts';
import type { StreamUsageReport } from '../../src/tokens/stream-usage.ts';
import { chatStream, pieces, responsesStream } from './sse-streams.ts';

let o200k: TokenEncoder;
beforeAll(async () => {
  o200k = await loadEncoder('o200k_base');
});

function run(body: string, size: number, options: { promptTokens?: number; aborted?: boolean } = {}): StreamUsageReport[] {
  const reports: StreamUsageReport[] = [];
  const tap = new SseUsageTap({ encoder: o200k, promptTokens: options.promptTokens, onEnd: (r) => reports.push(r) });
  for (const piece of pieces(body, size)) tap.push(piece);
  tap.finish(options.aborted ?? false);
  tap.finish(true); // a second end (flush then destroy) must not report again
  return reports;
}

const PARIS = ['The', ' capital', ' of', ' France', ' is', ' Paris', '.'];

describe('chat completions streams', () => {
  it.each([1, 3, 17, 4096])('takes the include_usage chunk (pieces of %i bytes)', (size) => {
    const usage = { prompt_tokens: 24, completion_tokens: 7, total_tokens: 31, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } };
    const [report, ...more] = run(chatStream(PARIS, usage), size, { promptTokens: 99 });
    expect(more).toEqual([]);
    expect(report).toMatchObject({
      reported: true, completed: true, aborted: false, estimatedCompletionTokens: 7,
      usage: { promptTokens: 24, completionTokens: 7, totalTokens: 31, cachedTokens: 0, reasoningTokens: 0 },
    });
  });

  it('without a usage chunk: the prompt estimate + completion estimated from the deltas (7)', () => {
    const [report] = run(chatStream(PARIS), 5, { promptTokens: 24 });
    expect(report).toMatchObject({ reported: false, completed: true, usage: { promptTokens: 24, completionTokens: 7, totalTokens: 31 } });
  });

  it('tool-call deltas count the name and the arguments: get_weather (2) + {"location":"Paris"} (5)', () => {
    const chunk = (delta: object): string => `data: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta }] })}\n\n`;
    const body = chunk({ role: 'assistant', content: null, tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }] })
      + ['{"loc', 'ation":', '"Par', 'is"}'].map((a) => chunk({ tool_calls: [{ index: 0, function: { arguments: a } }] })).join('')
      + 'data: [DONE]\n\n';
    expect(run(body, 11)[0]!.usage.completionTokens).toBe(7);
  });

  it('a cut-off stream reports what was seen, marked aborted and not completed', () => {
    const full = chatStream(PARIS);
    const cut = full.slice(0, full.indexOf(' Paris') - 20); // ends inside the " Paris" event
    const [report] = run(cut, 8, { promptTokens: 10, aborted: true });
    // The, capital, of, France, is: 5 tokens; the half event is not counted.
    expect(report).toMatchObject({ aborted: true, completed: false, reported: false, usage: { promptTokens: 10, completionTokens: 5, totalTokens: 15 } });
  });

  it('a long completion is counted in pieces exactly as the whole text', () => {
    // Varied words in a pseudo-random order (fixed seed), with punctuation, newlines, runs of spaces, digits.
    const vocabulary = "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage. Zürich 42 1234567, naïve\n  code() x=1;".split(' ');
    let seed = 7;
    const words = Array.from({ length: 6000 }, () => vocabulary[(seed = (seed * 1103515245 + 12345) % 2147483648) % vocabulary.length]);
    const text = words.join(' ');
    const deltas = text.match(/.{1,3}/gsu)!;
    expect(run(chatStream(deltas), 1500)[0]!.usage.completionTokens).toBe(o200k.count(text));
  });

  it('legacy completions streams count choices[].text', () => {
    const body = PARIS.map((text) => `data: ${JSON.stringify({ object: 'text_completion', choices: [{ index: 0, text }] })}\n\n`).join('') + 'data: [DONE]\n\n';
    expect(run(body, 9)[0]!.usage.completionTokens).toBe(7);
  });

  it('garbage and non-JSON data do not break the tap', () => {
    const [report] = run(`data: {oops\n\ndata: 42\n\n${chatStream(['Hello'])}`, 2, { promptTokens: 8 });
    expect(report).toMatchObject({ usage: { promptTokens: 8, completionTokens: 1, totalTokens: 9 }, completed: true });
  });
});

describe('Responses API streams', () => {
  it('takes usage from response.completed, with cached and reasoning tokens', () => {
    const usage = { input_tokens: 36, input_tokens_details: { cached_tokens: 12 }, output_tokens: 70, output_tokens_details: { reasoning_tokens: 63 }, total_tokens: 106 };
    const [report] = run(responsesStream(PARIS, usage), 13, { promptTokens: 30 });
    expect(report).toMatchObject({ reported: true, completed: true, estimatedCompletionTokens: 7, usage: { promptTokens: 36, completionTokens: 70, totalTokens: 106, cachedTokens: 12, reasoningTokens: 63 } });
  });

  it('cut off before response.completed: estimated from output_text deltas', () => {
    const [report] = run(responsesStream(PARIS), 6, { promptTokens: 30, aborted: true });
    expect(report).toMatchObject({ reported: false, completed: false, aborted: true, usage: { promptTokens: 30, completionTokens: 7, totalTokens: 37 } });
  });
});

describe('Anthropic Messages streams', () => {
  it('input tokens from message_start, output tokens from message_delta', () => {
    const ev = (type: string, body: object): string => `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
    const body = ev('message_start', { message: { usage: { input_tokens: 25, output_tokens: 1 } } })
      + PARIS.map((text) => ev('content_block_delta', { index: 0, delta: { type: 'text_delta', text } })).join('')
      + ev('message_delta', { delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 8 } })
      + ev('message_stop', {});
    expect(run(body, 10)[0]).toMatchObject({ reported: true, completed: true, estimatedCompletionTokens: 7, usage: { promptTokens: 25, completionTokens: 8, totalTokens: 33 } });
  });
});

describe('an encoder still loading', () => {
  it('chunks are taken at once and the report waits for the encoder', async () => {
    const report = await new Promise<StreamUsageReport>((resolve) => {
      const tap = new SseUsageTap({ encoder: loadEncoder('cl100k_base'), promptTokens: 1, onEnd: resolve });
      for (const piece of pieces(chatStream(['Sunny', ', ', '22', ' C']), 7)) tap.push(piece);
      tap.finish(false);
    });
    // "Sunny, 22 C" is 6 tokens in cl100k_base.
    expect(report.usage).toEqual({ promptTokens: 1, completionTokens: 6, totalTokens: 7 });
  });
});
