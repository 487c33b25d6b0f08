// The official AzureOpenAI client against the mock's /openai/deployments/{id}/... routes, over a real socket.
import { AzureOpenAI } from 'openai';
import type OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, startMockBackend, type MockBackend } from '../../src/mock/index.ts';

let backend: MockBackend;
let seenPaths: string[];

beforeAll(async () => {
  backend = await startMockBackend({ name: 'azure' });
  // Record the paths the SDK really sends, to check it uses the deployment routes.
  seenPaths = [];
  backend.server.prependListener('request', (req) => seenPaths.push(req.url ?? ''));
});
afterAll(() => backend.close());

function azure(deployment: string): AzureOpenAI {
  return new AzureOpenAI({ endpoint: backend.url, apiKey: 'x', apiVersion: '2024-10-21', deployment, maxRetries: 0 });
}

describe('AzureOpenAI client', () => {
  it('chat completions go to /openai/deployments/{id}/chat/completions and name the deployment as model', async () => {
    const { data, response } = await azure('gpt-4o')
      .chat.completions.create({ model: 'ignored-by-azure', messages: [{ role: 'user', content: 'Hello' }] })
      .withResponse();
    expect(seenPaths.at(-1)).toBe('/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21');
    expect(data.model).toBe('gpt-4o');
    expect(data.usage!.prompt_tokens).toBe(8);
    expect(data.choices[0]!.message.content).toContain('Hello');
    expect(response.headers.get('x-mock-backend')).toBe('azure');
  });

  it('streams chat chunks with a usage chunk when asked', async () => {
    const stream = await azure('gpt-4o').chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Hello' }],
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.filter((c) => (c.choices[0]?.delta.content ?? '') !== '').length).toBeGreaterThan(3);
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.prompt_tokens).toBe(8);
  });

  it('streams without a usage chunk when not asked', async () => {
    const stream = await azure('gpt-4o').chat.completions.create({ model: 'gpt-4o', stream: true, messages: [{ role: 'user', content: 'Hello' }] });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('stop');
  });

  it('embeddings go to the deployment route and keep similarity', async () => {
    const res = await azure('text-embedding-3-large').embeddings.create({
      model: 'text-embedding-3-large',
      input: ['What is the capital of France?', "what's the capital of france", 'Steel prices rose in the last quarter.'],
    });
    expect(seenPaths.at(-1)).toBe('/openai/deployments/text-embedding-3-large/embeddings?api-version=2024-10-21');
    expect(res.data[0]!.embedding).toHaveLength(3072);
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!) + 0.4);
  });

  it('legacy completions go to the deployment route', async () => {
    const c = await azure('gpt-35-turbo-instruct').completions.create({ model: 'x', prompt: 'Hello', max_tokens: 50 });
    expect(seenPaths.at(-1)).toBe('/openai/deployments/gpt-35-turbo-instruct/completions?api-version=2024-10-21');
    expect(c.choices[0]!.text).toContain('Hello');
    expect(c.choices[0]!.finish_reason).toBe('stop');
  });

  it('the Responses API goes to /openai/responses', async () => {
    const r = await azure('gpt-4o').responses.create({ model: 'gpt-4o', input: 'Hello' });
    expect(seenPaths.at(-1)).toBe('/openai/responses?api-version=2024-10-21');
    expect(r.output_text).toContain('Hello');
  });
});

describe('routes without the /openai prefix (a gateway that strips it)', () => {
  it('answers /deployments/{id}/chat/completions', async () => {
    const res = await fetch(`${backend.url}/deployments/gpt-4/chat/completions?api-version=2024-10-21`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { model: string }).model).toBe('gpt-4');
  });

  it('answers /openai/v1/chat/completions (Azure v1 API)', async () => {
    const res = await fetch(`${backend.url}/openai/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(((await res.json()) as { model: string }).model).toBe('gpt-4.1');
  });

  it('answers an unknown path with 404 Invalid URL', async () => {
    const res = await fetch(`${backend.url}/v1/nothing/here`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { message: 'Invalid URL (POST /v1/nothing/here)', type: 'invalid_request_error', param: null, code: null } });
    expect(res.headers.get('x-request-id')).toMatch(/^req_/);
  });
});
