// prompt_tokens as OpenAI reports them, through the real mock over a socket with the official SDK.
// Sources of the expected numbers:
// - the counting rule (openai-cookbook, "How to count tokens with tiktoken", §6): 3 tokens per message, plus the
//   tokens of each value (role, content, name), +1 per name, +3 priming the reply;
// - the same notebook's example conversation, for which it prints the count the OpenAI API returned:
//   129 for gpt-3.5-turbo, gpt-4-0613 and gpt-4; 124 for gpt-4o and gpt-4o-mini;
// - its §7 tools example: 105 for gpt-3.5-turbo and gpt-4, 101 for gpt-4o and gpt-4o-mini (API-reported).
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';
import { tokens as runtimeTokens } from '@apimx/runtime';

// The encoders the mock counts with (the runtime's token module).
const { encodingForModel, loadEncoder } = runtimeTokens;

const COOKBOOK_MESSAGES = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
] as const;

const WEATHER_TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
] as const;

const WEATHER_MESSAGES = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
] as const;

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
