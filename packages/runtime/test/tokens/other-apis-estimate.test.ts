// Prompt estimates for the Responses API (our application of the chat rule, see responses-tokens.ts),
// embeddings and legacy completions (exact: the API counts the input's tokens with no overhead), and how the
// API and the encoding are chosen.
import { describe, expect, it } from 'vitest';
import { encodingForModel } from '../../src/tokens/encodings.ts';
import { estimatePromptTokens, isStreamingRequest, requestModel } from '../../src/tokens/estimate.ts';
import { apiFromBody, apiFromPath } from '../../src/tokens/request-kind.ts';

const tokens = async (body: unknown, api?: 'responses' | 'embeddings'): Promise<number> => (await estimatePromptTokens(body, { api })).tokens;

describe('Responses API', () => {
  it('a string input is one user message: 3 + 1 + 1 (Hello) + 3 = 8', async () => {
    expect(await tokens({ model: 'gpt-4o', input: 'Hello' }, 'responses')).toBe(8);
  });

  it('instructions are a system message: (3+1+3 Be brief.) + (3+1+1) + 3 = 15', async () => {
    expect(await tokens({ model: 'gpt-4o', instructions: 'Be brief.', input: 'Hello' })).toBe(15);
  });

  it('message items with input_text and input_image parts: 3+1+6 + 1200 + 3 = 1213', async () => {
    const input = [{ role: 'user', content: [{ type: 'input_text', text: 'What is in this image?' }, { type: 'input_image', image_url: 'https://x/cat.png' }] }];
    const estimate = await estimatePromptTokens({ model: 'gpt-4.1', input });
    expect(estimate).toMatchObject({ tokens: 1213, images: 1, api: 'responses' });
  });

  it('ids and status of an item are not prompt text; output_text parts are', async () => {
    const input = [
      { type: 'message', id: 'msg_1', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text: 'The capital of France is Paris.', annotations: [] }] },
      { type: 'message', role: 'user', content: 'And of Germany?' },
    ];
    // (3+1+7) + (3+1+4) + 3 = 22
    expect(await tokens({ model: 'gpt-4o', input })).toBe(22);
  });

  it('function_call and function_call_output items: (3 + 2 + 5) + (3 + 5) + 3 = 21', async () => {
    const input = [
      { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"location":"Paris"}' },
      { type: 'function_call_output', call_id: 'call_1', output: 'Sunny, 22 C' },
    ];
    expect(await tokens({ model: 'gpt-4o', input })).toBe(21);
  });

  it('function tools defined flat, by the chat rule (definitions text 32 + 9); built-in tools cost nothing: 8 + 41 = 49', async () => {
    const tools = [
      { type: 'function', name: 'get_weather', description: 'Get the weather for a city.', parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name' } } } },
      { type: 'web_search_preview' },
    ];
    expect(await tokens({ model: 'gpt-4o', input: 'Hello', tools })).toBe(49);
  });

  it('instructions are the system message the definitions join (4 fewer); a flat named tool_choice adds 7 + the name', async () => {
    const tools = [{ type: 'function', name: 'get_weather', description: 'Get the weather for a city.', parameters: { type: 'object', properties: { city: { type: 'string', description: 'City name' } } } }];
    // (3+1+3 "Be brief.") + 8 + 41 - 4 = 52; + 7 + 2 (get_weather) = 61
    expect(await tokens({ model: 'gpt-4o', instructions: 'Be brief.', input: 'Hello', tools })).toBe(52);
    expect(await tokens({ model: 'gpt-4o', instructions: 'Be brief.', input: 'Hello', tools, tool_choice: { type: 'function', name: 'get_weather' } })).toBe(61);
  });
});

describe('embeddings (exact: input tokens only)', () => {
  it('a string: "hello world" is 2', async () => {
    expect(await tokens({ model: 'text-embedding-3-small', input: 'hello world' })).toBe(2);
  });

  it('an array of strings: 2 + 1', async () => {
    expect(await tokens({ model: 'text-embedding-ada-002', input: ['hello world', 'Hello'] })).toBe(3);
  });

  it('token arrays are already tokens: [1,2,3] is 3, [[1,2],[3]] is 3', async () => {
    expect(await tokens({ model: 'text-embedding-3-large', input: [1, 2, 3] })).toBe(3);
    expect(await tokens({ model: 'text-embedding-3-large', input: [[1, 2], [3]] })).toBe(3);
  });

  it('an Azure embeddings body without model: the deployment name picks cl100k_base', async () => {
    const estimate = await estimatePromptTokens({ input: 'tiktoken is great!' }, { modelHint: 'text-embedding-ada-002' });
    expect(estimate).toMatchObject({ tokens: 6, encoding: 'cl100k_base', api: 'embeddings' });
  });
});

describe('legacy completions (exact: prompt tokens only)', () => {
  it('"tiktoken is great!" is 6 in cl100k_base (the cookbook\'s example)', async () => {
    expect(await tokens({ model: 'gpt-35-turbo-instruct', prompt: 'tiktoken is great!' })).toBe(6);
  });

  it('an array of prompts', async () => {
    expect(await tokens({ model: 'gpt-35-turbo-instruct', prompt: ['tiktoken is great!', 'hello world'] })).toBe(8);
  });
});

describe('choosing the API and the encoding', () => {
  it.each([
    ['gpt-4o', 'o200k_base'], ['gpt-4o-mini-2024-07-18', 'o200k_base'], ['gpt-4.1-nano', 'o200k_base'], ['gpt-4.5-preview', 'o200k_base'],
    ['o1', 'o200k_base'], ['o3-mini', 'o200k_base'], ['o4-mini', 'o200k_base'], ['gpt-5-chat', 'o200k_base'], ['chatgpt-4o-latest', 'o200k_base'],
    ['GPT-4o', 'o200k_base'], ['openai/gpt-4', 'cl100k_base'], ['ft:gpt-3.5-turbo-0125:acme::abc', 'cl100k_base'], ['ft:gpt-4o-mini-2024-07-18:acme::x', 'o200k_base'],
    ['gpt-4', 'cl100k_base'], ['gpt-4-turbo', 'cl100k_base'], ['gpt-4-32k', 'cl100k_base'], ['gpt-3.5-turbo', 'cl100k_base'], ['gpt-35-turbo-16k', 'cl100k_base'],
    ['text-embedding-3-small', 'cl100k_base'], ['text-embedding-ada-002', 'cl100k_base'],
    ['my-deployment', 'o200k_base'], ['llama-3-70b', 'o200k_base'], [undefined, 'o200k_base'],
  ])('%s → %s', (model, encoding) => {
    expect(encodingForModel(model)).toBe(encoding);
  });

  it.each([
    ['/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', 'chat'],
    ['/v1/chat/completions', 'chat'],
    ['/openai/deployments/emb/embeddings', 'embeddings'],
    ['/openai/deployments/inst/completions', 'completions'],
    ['/openai/v1/responses', 'responses'],
    ['/v1/messages', 'chat'],
    ['/openai/deployments/x/images/generations', undefined],
  ])('path %s → %s', (path, api) => {
    expect(apiFromPath(path)).toBe(api);
  });

  it('body shapes', () => {
    expect(apiFromBody({ messages: [] }, undefined)).toBe('chat');
    expect(apiFromBody({ prompt: 'x' }, undefined)).toBe('completions');
    expect(apiFromBody({ input: 'x' }, 'text-embedding-3-small')).toBe('embeddings');
    expect(apiFromBody({ input: 'x', dimensions: 256 }, undefined)).toBe('embeddings');
    expect(apiFromBody({ input: 'x', instructions: 'y' }, 'gpt-4o')).toBe('responses');
    expect(apiFromBody({ input: [{ role: 'user', content: 'x' }] }, 'gpt-4o')).toBe('responses');
    expect(apiFromBody({ input: [[1, 2]] }, undefined)).toBe('embeddings');
    expect(apiFromBody({ model: 'x' }, 'x')).toBeUndefined();
  });

  it('the path-given API wins over the body guess', async () => {
    // Guessed as embeddings (2 tokens), told it is a Responses request: 3 + 1 + 2 + 3.
    expect(await tokens({ input: 'hello world' })).toBe(2);
    expect(await tokens({ input: 'hello world' }, 'responses')).toBe(9);
  });

  it('model and streaming from the body', () => {
    expect(requestModel({ model: 'gpt-4o' }, 'dep')).toBe('gpt-4o');
    expect(requestModel({ model: '' }, 'dep')).toBe('dep');
    expect(requestModel(null)).toBeUndefined();
    expect(isStreamingRequest({ stream: true })).toBe(true);
    expect(isStreamingRequest({ stream: 'true' })).toBe(false);
    expect(isStreamingRequest(undefined)).toBe(false);
  });
});
