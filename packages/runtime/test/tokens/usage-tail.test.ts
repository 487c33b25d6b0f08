// readUsageFromBytes reads the top-level usage from the body's tail without parsing the body; for every
// well-formed body it must answer what a full JSON.parse + readUsage answers.
import { describe, expect, it } from 'vitest';
import { readUsage, readUsageFromBytes } from '../../src/tokens/usage.ts';
import { topLevelUsageText } from '../../src/tokens/usage-tail.ts';

const USAGE = { prompt_tokens: 198, completion_tokens: 24, total_tokens: 222, prompt_tokens_details: { cached_tokens: 64 }, completion_tokens_details: { reasoning_tokens: 8 } };

const chat = (content: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  model: 'gpt-4o',
  choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop' }],
  usage: USAGE,
  service_tier: 'default',
  system_fingerprint: 'fp_1',
  ...extra,
});

const BODIES: Record<string, string> = {
  'chat completion': JSON.stringify(chat('Paris is sunny.')),
  'pretty-printed': JSON.stringify(chat('x'), null, 2),
  'content quoting a usage key': JSON.stringify(chat('{"usage": {"prompt_tokens": 1}} and ,"usage":{"total_tokens":5}}')),
  'content ending in a backslash': JSON.stringify(chat('C:\\dir\\')),
  'non-ASCII content': JSON.stringify(chat('天気は晴れ 🌞 — ça va')),
  'usage first, nested usage last': JSON.stringify({ usage: USAGE, choices: [{ message: { tool: { usage: { prompt_tokens: 1, completion_tokens: 1 } } } }] }),
  'usage last at the root, no trailing keys': JSON.stringify({ id: 'x', usage: { input_tokens: 36, output_tokens: 87, total_tokens: 123 } }),
  'Responses API with trailing objects': JSON.stringify({ object: 'response', output: [{ type: 'message', content: [{ type: 'output_text', text: 'hi' }] }], usage: { input_tokens: 36, input_tokens_details: { cached_tokens: 0 }, output_tokens: 87, output_tokens_details: { reasoning_tokens: 64 }, total_tokens: 123 }, user: null, metadata: { a: [1, { b: '}' }] } }),
  'response.completed event': JSON.stringify({ type: 'response.completed', response: { id: 'r', usage: { input_tokens: 5, output_tokens: 6, total_tokens: 11 } } }),
  'usage without counts, counts under response': JSON.stringify({ response: { usage: { input_tokens: 2, output_tokens: 3 } }, usage: { note: 'none' } }),
  'usage null': JSON.stringify({ id: 'x', usage: null }),
  'usage a string value': JSON.stringify({ type: 'usage', data: ['usage'] }),
  'duplicate usage keys': '{"usage":{"prompt_tokens":1,"completion_tokens":1},"x":1,"usage":{"prompt_tokens":7,"completion_tokens":8}}',
  'root array': JSON.stringify([{ usage: USAGE }]),
  'error body': JSON.stringify({ error: { code: '429', message: 'Rate limit' } }),
  'embeddings': JSON.stringify({ object: 'list', data: [{ embedding: [0.1, -0.2] }], usage: { prompt_tokens: 8, total_tokens: 8 } }),
  'negative and fractional counts': '{"usage":{"prompt_tokens":-3,"completion_tokens":2.7,"total_tokens":1e400}}',
  'whitespace around everything': ' \n{ "id" : "x" ,\t"usage" :\r\n { "prompt_tokens" : 3 , "completion_tokens" : 4 } \n} \n',
  'truncated': JSON.stringify(chat('x')).slice(0, -1),
  'trailing garbage': JSON.stringify(chat('x')) + 'x',
  'not JSON': '<html>502 Bad Gateway</html>',
  'empty': '',
};

function reference(text: string): unknown {
  try {
    return readUsage(JSON.parse(text));
  } catch {
    return undefined;
  }
}

describe('readUsageFromBytes agrees with a full parse', () => {
  it.each(Object.entries(BODIES))('%s', (_, text) => {
    const bytes = new TextEncoder().encode(text);
    expect(readUsageFromBytes(bytes)).toEqual(reference(text));
    // A Buffer and a view into a larger buffer read the same.
    expect(readUsageFromBytes(Buffer.from(text))).toEqual(reference(text));
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 4);
    expect(readUsageFromBytes(padded.subarray(4, 4 + bytes.length))).toEqual(reference(text));
  });
});

describe('topLevelUsageText', () => {
  it('reads a typical model response from its tail', () => {
    expect(JSON.parse(topLevelUsageText(Buffer.from(BODIES['chat completion']!))!)).toEqual(USAGE);
    expect(topLevelUsageText(Buffer.from(BODIES['non-ASCII content']!))).toBeDefined();
    expect(topLevelUsageText(Buffer.from(BODIES['whitespace around everything']!))).toBeDefined();
  });

  it('declines where only a full parse can tell', () => {
    for (const name of ['usage first, nested usage last', 'root array', 'truncated', 'trailing garbage', 'usage null', 'usage a string value']) {
      expect(topLevelUsageText(Buffer.from(BODIES[name]!)), name).toBeUndefined();
    }
  });

  it('reads a well-formed tail after a malformed start (our choice: the bytes before it are not checked)', () => {
    const text = '{"id": not-json, "usage": {"prompt_tokens": 3, "completion_tokens": 4}}';
    expect(reference(text)).toBeUndefined();
    expect(readUsageFromBytes(Buffer.from(text))).toEqual({ promptTokens: 3, completionTokens: 4, totalTokens: 7 });
  });
});
