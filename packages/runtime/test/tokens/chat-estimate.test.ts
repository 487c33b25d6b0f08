// Chat prompt_tokens estimates. The "cookbook values" are the openai-cookbook's, checked there against the
// API (more reported figures, with their sources, are in api-verified.test.ts). Everything under "derived by
// the documented rule" is DERIVED, not reported by the API: it checks the rule's arithmetic on shapes the
// reported figures do not cover (3 per message + tokens of each string value + 1 per name + 3 reply priming;
// function definitions as their TypeScript text + 9). The token counts of the texts a derivation uses are
// asserted first ("texts"), so each derivation can be checked by hand.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimatePromptTokens } from '../../src/tokens/estimate.ts';
import { loadEncoder } from '../../src/tokens/encodings.ts';
import { formatFunctionDefinitions } from '../../src/tokens/function-definitions.ts';
import type { TokenEncoder } from '../../src/tokens/encoder.ts';
import { COOKBOOK_CONVERSATION, COOKBOOK_TOOLS, COOKBOOK_TOOLS_MESSAGES } from './fixtures.ts';

const tokens = async (body: unknown, modelHint?: string): Promise<number> => (await estimatePromptTokens(body, { modelHint })).tokens;

let o200k: TokenEncoder;
let cl100k: TokenEncoder;
beforeAll(async () => {
  o200k = await loadEncoder('o200k_base');
  cl100k = await loadEncoder('cl100k_base');
});

describe('texts the derivations use (same count in both encodings unless noted)', () => {
  it.each([
    ['Hello', 1], ['user', 1], ['system', 1], ['assistant', 1], ['tool', 1], ['Alice', 1],
    ['You are a helpful assistant.', 6], ['What is the capital of France?', 7], ['The capital of France is Paris.', 7],
    ['And of Germany?', 4], ['Describe this picture.', 4], ['Be brief.', 3], ['What is in this image?', 6],
    ['Compare these two photos.', 5], ['call_abc123', 4], ['Respond in French.', 4], ['Bonjour', 1],
    ['get_weather', 2], ['{"location":"Paris"}', 5],
  ])('%j is %i token(s)', (text, n) => {
    expect(o200k.count(text)).toBe(n);
    expect(cl100k.count(text)).toBe(n);
  });

  it('"Sunny, 22 C" is 5 tokens in o200k_base, 6 in cl100k_base', () => {
    expect(o200k.count('Sunny, 22 C')).toBe(5);
    expect(cl100k.count('Sunny, 22 C')).toBe(6);
  });
});

describe('cookbook values (checked against the OpenAI API by the cookbook)', () => {
  it.each([['gpt-3.5-turbo', 129], ['gpt-4', 129], ['gpt-4-0613', 129], ['gpt-4o', 124], ['gpt-4o-mini', 124]])(
    'example conversation on %s: %i', async (model, expected) => {
      expect(await tokens({ model, messages: COOKBOOK_CONVERSATION })).toBe(expected);
    });

  it.each([['gpt-3.5-turbo', 105], ['gpt-4', 105], ['gpt-4o', 101], ['gpt-4o-mini', 101]])(
    'tools example on %s: %i', async (model, expected) => {
      expect(await tokens({ model, messages: COOKBOOK_TOOLS_MESSAGES, tools: COOKBOOK_TOOLS })).toBe(expected);
    });

  it('"Hello" alone on gpt-4o is 8 = 3 + 1 (user) + 1 (Hello) + 3', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] })).toBe(8);
  });
});

describe('derived by the documented rule', () => {
  const qa = [
    { role: 'system', content: 'You are a helpful assistant.' },
    { role: 'user', content: 'What is the capital of France?' },
  ];

  it('"Hello" on gpt-4 (cl100k_base) is also 8', async () => {
    expect(await tokens({ model: 'gpt-4', messages: [{ role: 'user', content: 'Hello' }] })).toBe(8);
  });

  it('system + user on gpt-4o: 3+1+6 + 3+1+7 + 3 = 24', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: qa })).toBe(24);
  });

  it('multi-turn on gpt-4.1: 24 - 3 + (3+1+7 assistant) + (3+1+4 user) + 3 = 40', async () => {
    const messages = [...qa, { role: 'assistant', content: 'The capital of France is Paris.' }, { role: 'user', content: 'And of Germany?' }];
    expect(await tokens({ model: 'gpt-4.1', messages })).toBe(3 + 1 + 6 + 3 + 1 + 7 + 3 + 1 + 7 + 3 + 1 + 4 + 3);
  });

  it('a named user on gpt-4o: 3+1+1 (Hello) + 1 (Alice) + 1 (name) + 3 = 10', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'user', name: 'Alice', content: 'Hello' }] })).toBe(10);
  });

  it('a named system message on gpt-3.5-turbo: 3+1+3 (Be brief.) + 1+1 (name Alice) + 3 = 12', async () => {
    expect(await tokens({ model: 'gpt-3.5-turbo', messages: [{ role: 'system', name: 'Alice', content: 'Be brief.' }] })).toBe(12);
  });

  it('text parts count their text: gpt-4o, [Describe this picture., Be brief.] = 3+1+4+3 + 3 = 14', async () => {
    const content = [{ type: 'text', text: 'Describe this picture.' }, { type: 'text', text: 'Be brief.' }];
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'user', content }] })).toBe(14);
  });

  it('an image part is 1200 (spec §3.1 item 7): gpt-4o = 3+1+6 + 1200 + 3 = 1213, one image', async () => {
    const content = [{ type: 'text', text: 'What is in this image?' }, { type: 'image_url', image_url: { url: 'https://x/cat.png' } }];
    const estimate = await estimatePromptTokens({ model: 'gpt-4o', messages: [{ role: 'user', content }] });
    expect(estimate.tokens).toBe(1213);
    expect(estimate.images).toBe(1);
  });

  it('two images with a system prompt on gpt-4o-mini: (3+1+6) + (3+1+5 + 2*1200) + 3 = 2422', async () => {
    const image = { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA', detail: 'high' } };
    const messages = [{ role: 'system', content: 'You are a helpful assistant.' }, { role: 'user', content: [{ type: 'text', text: 'Compare these two photos.' }, image, image] }];
    expect(await tokens({ model: 'gpt-4o-mini', messages })).toBe(2422);
  });

  it('a system prompt as one text part equals the string form: gpt-4o 3+1+6 + 3 = 13', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'system', content: [{ type: 'text', text: 'You are a helpful assistant.' }] }] })).toBe(13);
  });

  it('a tool result message counts tool_call_id as a string value: gpt-4o 3+1 (tool) +4 (call_abc123) +5 (Sunny, 22 C) + 3 = 16', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'tool', tool_call_id: 'call_abc123', content: 'Sunny, 22 C' }] })).toBe(16);
  });

  it('the same on gpt-4, where "Sunny, 22 C" is 6: 17', async () => {
    expect(await tokens({ model: 'gpt-4', messages: [{ role: 'tool', tool_call_id: 'call_abc123', content: 'Sunny, 22 C' }] })).toBe(17);
  });

  it('an assistant tool call counts like a function_call, name + arguments + 3: gpt-4o 3+1 + (2+5+3) + 3 = 17, null content free', async () => {
    const toolCalls = [{ id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } }];
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'assistant', content: null, tool_calls: toolCalls }] })).toBe(17);
  });

  it('two tool calls in one message: each counted the same way, 3+1 + 2*(2+5+3) + 3 = 27 (the API bills parallel calls more)', async () => {
    const call = { id: 'call_abc123', type: 'function', function: { name: 'get_weather', arguments: '{"location":"Paris"}' } };
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'assistant', content: null, tool_calls: [call, call] }] })).toBe(27);
  });

  const weatherTool = { name: 'get_weather', description: 'Get the weather for a city.', parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name' } } } };
  const weatherText = 'namespace functions {\n\n// Get the weather for a city.\ntype get_weather = (_: {\n// City name\ncity?: string,\n}) => any;\n\n} // namespace functions';

  it('function definitions are shown to the model as TypeScript: the text of a one-property tool', () => {
    expect(formatFunctionDefinitions([weatherTool])).toBe(weatherText);
    expect(o200k.count(weatherText)).toBe(32);
    expect(cl100k.count(weatherText)).toBe(34);
  });

  it('a one-property tool on gpt-4o: messages (3+1+1+3 = 8) + 32 + 9 = 49', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], tools: [{ type: 'function', function: weatherTool }] })).toBe(49);
  });

  it('legacy functions on gpt-3.5-turbo, the same text in cl100k_base: 8 + 34 + 9 = 51', async () => {
    expect(await tokens({ model: 'gpt-3.5-turbo', messages: [{ role: 'user', content: 'Hello' }], functions: [weatherTool] })).toBe(51);
  });

  it('with a system message the definitions join it: 4 fewer, and tool_choice by name adds 7 + the name (2)', async () => {
    const messages = [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Hello' }];
    const tools = [{ type: 'function', function: weatherTool }];
    // (3+1+3) + 8 + 32 + 9 - 4 = 52
    expect(await tokens({ model: 'gpt-4o', messages, tools })).toBe(52);
    expect(await tokens({ model: 'gpt-4o', messages, tools, tool_choice: 'auto' })).toBe(52);
    expect(await tokens({ model: 'gpt-4o', messages, tools, tool_choice: 'none' })).toBe(53);
    expect(await tokens({ model: 'gpt-4o', messages, tools, tool_choice: { type: 'function', function: { name: 'get_weather' } } })).toBe(61);
  });

  it('a tool without parameters: "type get_weather = () => any;", 8 + 22 + 9 = 39 on gpt-4o', async () => {
    const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Get the weather for a city' } }];
    expect(formatFunctionDefinitions([tools[0]!.function])).toContain('type get_weather = () => any;');
    expect(await tokens({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }], tools })).toBe(39);
  });

  it('a list of types prints as a union (our reading; no reported figure), no items as any[]', () => {
    const text = formatFunctionDefinitions([{ name: 'f', parameters: { type: 'object', properties: { x: { type: ['string', 'null'] }, y: { type: 'array' } }, required: ['y'] } }]);
    expect(text).toContain('x?: string | null,\ny: any[],');
  });

  it('tool_choice "required" (no reported figure) counts as "auto"; built-in tools cost nothing', async () => {
    const tools = [{ type: 'function', function: weatherTool }];
    const messages = [{ role: 'user', content: 'Hello' }];
    expect(await tokens({ model: 'gpt-4o', messages, tools, tool_choice: 'required' })).toBe(49);
    expect(await tokens({ model: 'gpt-4o', messages, tools: [{ type: 'web_search' }] })).toBe(8);
  });

  it('o-series and gpt-5 use o200k_base: the cookbook conversation is 124 on o3-mini and gpt-5', async () => {
    expect(await tokens({ model: 'o3-mini', messages: COOKBOOK_CONVERSATION })).toBe(124);
    expect(await tokens({ model: 'gpt-5', messages: COOKBOOK_CONVERSATION })).toBe(124);
  });

  it('no model in the body (Azure): the deployment name decides; gpt-35-turbo → cl100k 129', async () => {
    expect(await tokens({ messages: COOKBOOK_CONVERSATION }, 'gpt-35-turbo')).toBe(129);
    expect(await tokens({ messages: COOKBOOK_CONVERSATION }, 'gpt-4o')).toBe(124);
  });

  it('an unknown model or deployment name falls back to o200k_base: 124', async () => {
    const estimate = await estimatePromptTokens({ messages: COOKBOOK_CONVERSATION }, { modelHint: 'prod-chat' });
    expect(estimate).toMatchObject({ tokens: 124, encoding: 'o200k_base', model: 'prod-chat', api: 'chat' });
  });

  it('the body model wins over the hint', async () => {
    expect(await tokens({ model: 'gpt-4', messages: COOKBOOK_CONVERSATION }, 'gpt-4o')).toBe(129);
  });

  it('special-token text in user input is ordinary text, not a control token', async () => {
    const n = await tokens({ model: 'gpt-4o', messages: [{ role: 'user', content: '<|endoftext|>' }] });
    expect(n).toBe(3 + 1 + o200k.count('<|endoftext|>') + 3);
    expect(o200k.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('Anthropic-style top-level system is one more system message: 3+1+6 + 8 = 18', async () => {
    expect(await tokens({ model: 'gpt-4o', system: 'You are a helpful assistant.', messages: [{ role: 'user', content: 'Hello' }] })).toBe(18);
  });
});

describe('bodies that are not chat', () => {
  it('a body that is not an object or has no known shape is 0 tokens', async () => {
    expect(await estimatePromptTokens('hello')).toMatchObject({ tokens: 0, api: undefined });
    expect(await estimatePromptTokens({ model: 'gpt-4o', foo: 1 })).toMatchObject({ tokens: 0, api: undefined });
  });

  it('messages of odd shapes cost their overhead only', async () => {
    expect(await tokens({ model: 'gpt-4o', messages: [null, 42, { role: 'user', content: 7 }] })).toBe(3 + 3 + (3 + 1) + 3);
  });
});
