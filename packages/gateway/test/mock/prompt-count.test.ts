// The mock's prompt counts come from the runtime's token module: APIM's estimate and the mock's reported usage agree,
// except that an image costs what a backend reports (85, a low-detail image) and not the estimate's 1200.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokens } from '@apimx/runtime';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';

const IMAGE = 'data:image/png;base64,iVBORw0KGgo=';

let backend: MockBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = await startMockBackend({ name: 'prompt-count' });
  client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => backend.close());

describe('images', () => {
  it('a chat image part costs 85: "Hello" + image on gpt-4o is 3 + 1 + 1 + 85 + 3 = 93', async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = [
      { role: 'user', content: [{ type: 'text', text: 'Hello' }, { type: 'image_url', image_url: { url: IMAGE, detail: 'low' } }] },
    ];
    const c = await client.chat.completions.create({ model: 'gpt-4o', messages });
    expect(c.usage!.prompt_tokens).toBe(93);
    // APIM's estimate of the same request charges the image 1200.
    expect((await tokens.estimatePromptTokens({ model: 'gpt-4o', messages })).tokens).toBe(93 - 85 + 1200);
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
    const estimate = await tokens.estimatePromptTokens(body);
    expect(estimate.api).toBe('responses');
    expect(estimate.tokens).toBeGreaterThan(20);
    expect(r.usage!.input_tokens).toBe(estimate.tokens);
  });

  it('legacy completions: strings and token arrays, no per-prompt overhead', async () => {
    const o200k = await tokens.loadEncoder('o200k_base');
    const ids = o200k.encode('The capital of France is');
    const c = await client.completions.create({ model: 'gpt-4o', prompt: [ids, 'Hello'] as unknown as string[], max_tokens: 3 });
    expect(c.usage!.prompt_tokens).toBe(ids.length + 1);
    expect(c.choices).toHaveLength(2);
    expect(c.choices.every((choice) => choice.finish_reason === 'length')).toBe(true);
    expect(c.usage!.completion_tokens).toBe(6);
  });
});
