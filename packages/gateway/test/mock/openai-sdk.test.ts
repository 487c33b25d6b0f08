// The official openai SDK against the mock's OpenAI v1 routes, over a real socket, client code unchanged.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, startMockBackend, type MockBackend } from '../../src/mock/index.ts';

let backend: MockBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = await startMockBackend({ name: 'openai-v1', now: () => Date.UTC(2025, 0, 2, 3, 4, 5) });
  client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => backend.close());

describe('chat completions', () => {
  it('answers a chat.completion shaped like OpenAI\'s', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'What is the capital of France?' }] })
      .withResponse();
    expect(data.id).toMatch(/^chatcmpl-/);
    expect(data.object).toBe('chat.completion');
    expect(data.created).toBe(Date.UTC(2025, 0, 2, 3, 4, 5) / 1000);
    expect(data.model).toBe('gpt-4o');
    expect(data.system_fingerprint).toEqual(expect.any(String));
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]).toMatchObject({ index: 0, finish_reason: 'stop', logprobs: null, message: { role: 'assistant', refusal: null } });
    expect(data.choices[0]!.message.content).toContain('What is the capital of France?');
    expect(data.usage).toMatchObject({ prompt_tokens: expect.any(Number), prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } });
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
    expect(response.headers.get('x-mock-backend')).toBe('openai-v1');
  });

  it('gives the same reply for the same question', async () => {
    const ask = () => client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Tell me a joke' }] });
    const [a, b] = await Promise.all([ask(), ask()]);
    expect(a.choices[0]!.message.content).toBe(b.choices[0]!.message.content);
    expect(a.id).not.toBe(b.id);
  });

  it('honours max_tokens with finish_reason length', async () => {
    const c = await client.chat.completions.create({ model: 'gpt-4o', max_tokens: 3, messages: [{ role: 'user', content: 'Hello there' }] });
    expect(c.choices[0]!.finish_reason).toBe('length');
    expect(c.usage!.completion_tokens).toBe(3);
    const d = await client.chat.completions.create({ model: 'gpt-4o', max_completion_tokens: 5, messages: [{ role: 'user', content: 'Hello there' }] });
    expect(d.usage!.completion_tokens).toBe(5);
    expect(c.choices[0]!.message.content!.length).toBeLessThan(d.choices[0]!.message.content!.length);
  });

  it('returns n choices', async () => {
    const c = await client.chat.completions.create({ model: 'gpt-4o', n: 2, messages: [{ role: 'user', content: 'Hi' }] });
    expect(c.choices.map((x) => x.index)).toEqual([0, 1]);
  });

  it('streams a role chunk, several content chunks and a finish chunk, without usage unless asked', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'Hello' }] });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]!.choices[0]!.delta.role).toBe('assistant');
    const contents = chunks.map((c) => c.choices[0]?.delta.content).filter((x): x is string => typeof x === 'string' && x !== '');
    expect(contents.length).toBeGreaterThan(3);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
    expect(chunks.every((c) => c.usage === undefined || c.usage === null)).toBe(true);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk' && c.id === chunks[0]!.id)).toBe(true);
    const whole = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
    expect(contents.join('')).toBe(whole.choices[0]!.message.content);
  });

  it('ends with a usage chunk with empty choices when stream_options.include_usage is true', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 8, total_tokens: 8 + last.usage!.completion_tokens });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('answers 400 with an OpenAI error when messages are missing', async () => {
    const err = await client.chat.completions.create({ model: 'gpt-4o', messages: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('messages');
  });
});

describe('legacy completions', () => {
  it('answers a text_completion, 16 tokens at most by default', async () => {
    const c = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Say something long about the sea and the sky' });
    expect(c.object).toBe('text_completion');
    expect(c.id).toMatch(/^cmpl-/);
    expect(c.choices[0]!.finish_reason).toBe('length');
    expect(c.usage!.completion_tokens).toBe(16);
    expect(c.usage!.prompt_tokens).toBeGreaterThan(5);
  });

  it('streams text chunks', async () => {
    const stream = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Hi', stream: true, stream_options: { include_usage: true } });
    const texts: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.text) texts.push(chunk.choices[0].text);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(texts.length).toBeGreaterThan(3);
    expect(usage!.prompt_tokens).toBe(1);
  });
});

describe('responses', () => {
  it('answers a Responses API object with output_text', async () => {
    const r = await client.responses.create({ model: 'gpt-4o', input: 'Hello', instructions: 'Be brief.' });
    expect(r.id).toMatch(/^resp_/);
    expect(r.object).toBe('response');
    expect(r.status).toBe('completed');
    expect(r.output[0]).toMatchObject({ type: 'message', role: 'assistant', content: [{ type: 'output_text' }] });
    expect(r.output_text).toContain('Hello');
    // Instructions count as a system message: (3 + 1 + 3 "Be brief.") + (3 + 1 + 1) + 3 priming.
    expect(r.usage).toMatchObject({ input_tokens: 15, total_tokens: 15 + r.usage!.output_tokens });
  });

  it('streams response.created, text deltas and response.completed', async () => {
    const stream = await client.responses.create({ model: 'gpt-4o', input: [{ role: 'user', content: 'Hello' }], stream: true });
    const types: string[] = [];
    let deltas = '';
    let completed: OpenAI.Responses.Response | undefined;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.output_text.delta') deltas += event.delta;
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types[0]).toBe('response.created');
    expect(types.filter((t) => t === 'response.output_text.delta').length).toBeGreaterThan(3);
    expect(types.at(-1)).toBe('response.completed');
    expect(deltas).toBe(completed!.output_text ?? (completed!.output[0] as { content: { text: string }[] }).content[0]!.text);
    expect(completed!.usage!.input_tokens).toBe(8);
  });

  it('stops at max_output_tokens as incomplete', async () => {
    const r = await client.responses.create({ model: 'gpt-4o', input: 'Hello', max_output_tokens: 4 });
    expect(r.status).toBe('incomplete');
    expect(r.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(r.usage!.output_tokens).toBe(4);
  });
});

describe('embeddings and models', () => {
  it('gives similar texts similar vectors', async () => {
    const res = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['What is the capital of France?', "what's the capital of france", 'The quarterly report shows rising steel prices.'],
    });
    expect(res.data).toHaveLength(3);
    expect(res.data[0]!.embedding).toHaveLength(1536);
    const [a, b, c] = res.data.map((d) => d.embedding);
    const similar = cosine(a!, b!);
    const unrelated = cosine(a!, c!);
    expect(similar).toBeGreaterThan(0.7);
    expect(unrelated).toBeLessThan(0.3);
    expect(res.usage.prompt_tokens).toBeGreaterThan(10);
  });

  it('lists models and gets one', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o');
    expect((await client.models.retrieve('gpt-4o')).object).toBe('model');
    await expect(client.models.retrieve('nope')).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });
});

it('counts requests per route', async () => {
  backend.reset();
  await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] });
  await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
  const stats = await (await fetch(`${backend.url}/__mock/stats`)).json();
  expect(stats).toMatchObject({ requests: 2, byRoute: { 'chat.completions': 1, embeddings: 1 }, byStatus: { 200: 2 } });
});
