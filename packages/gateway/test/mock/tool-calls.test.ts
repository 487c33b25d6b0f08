// Forced tool calls: the mock calls the chosen function with schema-shaped arguments, in JSON and in SSE.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';

const TOOLS: OpenAI.ChatCompletionTool[] = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state' },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          days: { type: 'integer' },
        },
        required: ['location', 'unit'],
      },
    },
  },
  { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
];
const MESSAGES: OpenAI.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Paris?' }];

let backend: MockBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = await startMockBackend();
  client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => backend.close());

describe('tool calls', () => {
  it('tool_choice "required" calls the first function with its required arguments', async () => {
    const c = await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, tools: TOOLS, tool_choice: 'required' });
    const choice = c.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const call = choice.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.id).toMatch(/^call_/);
    expect(call.function.name).toBe('get_current_weather');
    expect(JSON.parse(call.function.arguments)).toEqual({ location: 'Weather in Paris?', unit: 'celsius' });
    expect(c.usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('a named tool_choice calls that function', async () => {
    const c = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: MESSAGES,
      tools: TOOLS,
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    });
    const call = c.choices[0]!.message.tool_calls![0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function).toEqual({ name: 'get_time', arguments: '{}' });
  });

  it('tool_choice "auto" answers in text', async () => {
    const c = await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, tools: TOOLS, tool_choice: 'auto' });
    expect(c.choices[0]!.finish_reason).toBe('stop');
    expect(c.choices[0]!.message.tool_calls).toBeUndefined();
  });

  it('streams the call: id and name first, then the arguments in pieces', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', messages: MESSAGES, tools: TOOLS, tool_choice: 'required', stream: true });
    let name = '';
    let args = '';
    let pieces = 0;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      const delta = chunk.choices[0]?.delta;
      for (const tc of delta?.tool_calls ?? []) {
        name += tc.function?.name ?? '';
        if (tc.function?.arguments) {
          args += tc.function.arguments;
          pieces += 1;
        }
      }
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(name).toBe('get_current_weather');
    expect(pieces).toBeGreaterThan(1);
    expect(JSON.parse(args)).toEqual({ location: 'Weather in Paris?', unit: 'celsius' });
    expect(finish).toBe('tool_calls');
  });
});
