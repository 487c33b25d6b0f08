// prompt_tokens as OpenAI reports them, through the real mock over a socket with the official SDK.
// Sources of the expected numbers:
// - the counting rule (openai-cookbook, "How to count tokens with tiktoken", §6): 3 tokens per message, plus the
//   tokens of each value (role, content, name), +1 per name, +3 priming the reply;
// - the same notebook's example conversation, for which it prints the count the OpenAI API returned:
//   129 for gpt-3.5-turbo, gpt-4-0613 and gpt-4; 124 for gpt-4o and gpt-4o-mini;
// - its §7 tools example: 105 for gpt-3.5-turbo and gpt-4, 101 for gpt-4o and gpt-4o-mini (API-reported).
// The mock counts with the runtime's token module, so APIM's estimate and the mock's usage agree, except that an
// image costs what a backend reports (85, a low-detail image) and not the estimate's 1200.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';
import { tokens as runtimeTokens } from '@apimx/runtime';
// The cookbook's requests, shared with the runtime's estimate tests.
import { COOKBOOK_CONVERSATION as COOKBOOK_MESSAGES, COOKBOOK_TOOLS as WEATHER_TOOLS, COOKBOOK_TOOLS_MESSAGES as WEATHER_MESSAGES } from '../../../runtime/test/tokens/fixtures.ts';

// The encoders the mock counts with (the runtime's token module).
const { encodingForModel, estimatePromptTokens, loadEncoder } = runtimeTokens;
const IMAGE = 'data:image/png;base64,iVBORw0KGgo=';

let backend: MockBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = await startMockBackend({ name: 'tokens' });
  client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => backend.close());

async function promptTokens(model: string, messages: readonly object[], tools?: readonly object[]): Promise<number> {
  const body = { model, messages, ...(tools === undefined ? {} : { tools }) } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming;
  const completion = await client.chat.completions.create(body);
  return completion.usage!.prompt_tokens;
}

describe('prompt_tokens by the documented counting rule', () => {
  it('"Hello" as one user message on gpt-4o is 8 tokens', async () => {
    // Derivation: o200k_base encodes "user" and "Hello" as one token each, so 3 (message) + 1 + 1 + 3 (priming).
    const o200k = await loadEncoder('o200k_base');
    expect(o200k.encode('user')).toHaveLength(1);
    expect(o200k.encode('Hello')).toHaveLength(1);
    expect(await promptTokens('gpt-4o', [{ role: 'user', content: 'Hello' }])).toBe(8);
  });

  it('a name costs its tokens plus one: {user, name "bob", "Hi"} on gpt-4 is 10', async () => {
    // cl100k_base: "user" 1, "bob" 1, "Hi" 1; so 3 + 1 + 1 + (1 + 1 for the name) + 3 = 10.
    const cl100k = await loadEncoder('cl100k_base');
    expect([cl100k.encode('user'), cl100k.encode('bob'), cl100k.encode('Hi')].map((t) => t.length)).toEqual([1, 1, 1]);
    expect(await promptTokens('gpt-4', [{ role: 'user', name: 'bob', content: 'Hi' }])).toBe(10);
  });

  it('the cookbook conversation is 124 tokens on gpt-4o, as the API reported', async () => {
    expect(await promptTokens('gpt-4o', COOKBOOK_MESSAGES)).toBe(124);
  });

  it('the cookbook conversation is 124 tokens on gpt-4o-mini', async () => {
    expect(await promptTokens('gpt-4o-mini', COOKBOOK_MESSAGES)).toBe(124);
  });

  it('the cookbook conversation is 129 tokens on gpt-4 and gpt-4-0613 (cl100k_base)', async () => {
    expect(await promptTokens('gpt-4', COOKBOOK_MESSAGES)).toBe(129);
    expect(await promptTokens('gpt-4-0613', COOKBOOK_MESSAGES)).toBe(129);
  });

  it('the cookbook conversation is 129 tokens on gpt-3.5-turbo', async () => {
    expect(await promptTokens('gpt-3.5-turbo', COOKBOOK_MESSAGES)).toBe(129);
  });

  it('the cookbook weather request with a tool is 101 tokens on gpt-4o and 105 on gpt-4', async () => {
    expect(await promptTokens('gpt-4o', WEATHER_MESSAGES, WEATHER_TOOLS)).toBe(101);
    expect(await promptTokens('gpt-4', WEATHER_MESSAGES, WEATHER_TOOLS)).toBe(105);
  });

  it('an Azure deployment named after a model counts with that model\'s encoding', async () => {
    const azure = await fetch(`${backend.url}/openai/deployments/gpt-35-turbo/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'api-key': 'x' },
      body: JSON.stringify({ messages: COOKBOOK_MESSAGES }),
    });
    const body = (await azure.json()) as { model: string; usage: { prompt_tokens: number } };
    expect(body.model).toBe('gpt-35-turbo');
    expect(body.usage.prompt_tokens).toBe(129);
  });

  it('completion_tokens are the tokens of the reply text and total is their sum', async () => {
    const completion = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
    const o200k = await loadEncoder('o200k_base');
    const text = completion.choices[0]!.message.content!;
    expect(completion.usage!.completion_tokens).toBe(o200k.encode(text).length);
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);
  });
});

describe('encoding per model', () => {
  it.each([
    ['gpt-4o', 'o200k_base'],
    ['gpt-4o-mini-2024-07-18', 'o200k_base'],
    ['gpt-4.1-nano', 'o200k_base'],
    ['gpt-5', 'o200k_base'],
    ['o3-mini', 'o200k_base'],
    ['gpt-4', 'cl100k_base'],
    ['gpt-4-turbo', 'cl100k_base'],
    ['gpt-35-turbo', 'cl100k_base'],
    ['gpt-3.5-turbo-0125', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'],
    ['my-azure-deployment', 'o200k_base'],
  ])('%s uses %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });
});

describe('images', () => {
  it('a chat image part costs 85: "Hello" + image on gpt-4o is 3 + 1 + 1 + 85 + 3 = 93', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'Hello' }, { type: 'image_url', image_url: { url: IMAGE, detail: 'low' } }] },
    ];
    const c = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(c.usage!.prompt_tokens).toBe(93);
    // APIM's estimate of the same request charges the image 1200.
    expect((await estimatePromptTokens({ model: 'gpt-4o', messages })).tokens).toBe(93 - 85 + 1200);
  });

  it('two Responses input_image parts cost 85 each', async () => {
    const r = await client.responses.create({
      model: 'gpt-4o',
      input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hello' }, { type: 'input_image', image_url: IMAGE, detail: 'low' }, { type: 'input_image', image_url: IMAGE, detail: 'low' }] }],
    });
    expect(r.usage!.input_tokens).toBe(3 + 1 + 1 + 85 * 2 + 3);
  });
});

describe('the same count as the estimate', () => {
  it('Responses function_call and function_call_output items count as the runtime counts them', async () => {
    const body = {
      model: 'gpt-4o',
      instructions: 'Be brief.',
      input: [
        { role: 'user', content: 'Weather in Paris?' },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '{"celsius":21}' },
      ],
    };
    const r = await client.responses.create(body as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    const estimate = await estimatePromptTokens(body);
    expect(estimate.api).toBe('responses');
    expect(estimate.tokens).toBeGreaterThan(20);
    expect(r.usage!.input_tokens).toBe(estimate.tokens);
  });

  it('legacy completions: strings and token arrays, no per-prompt overhead', async () => {
    const o200k = await loadEncoder('o200k_base');
    const ids = o200k.encode('The capital of France is');
    const c = await client.completions.create({ model: 'gpt-4o', prompt: [ids, 'Hello'] as unknown as string[], max_tokens: 3 });
    expect(c.usage!.prompt_tokens).toBe(ids.length + 1);
    expect(c.choices).toHaveLength(2);
    expect(c.choices.every((choice) => choice.finish_reason === 'length')).toBe(true);
    expect(c.usage!.completion_tokens).toBe(6);
  });
});
