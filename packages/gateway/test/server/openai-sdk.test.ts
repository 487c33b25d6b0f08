// The official openai SDK, client code unchanged, against examples/ai-gateway (what `npm start` serves):
// OpenAI against /v1 and AzureOpenAI against /openai/deployments/..., non-streaming and streaming.
import { fileURLToPath } from 'node:url';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';

const EXAMPLE = fileURLToPath(new URL('../../../../examples/ai-gateway/apimx.yaml', import.meta.url));

describe('openai SDK through the gateway', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway({ config: EXAMPLE, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
  });

  const openai = (): OpenAI => new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'any-key', maxRetries: 0 });
  const azure = (apiKey = 'team-a-key'): AzureOpenAI =>
    new AzureOpenAI({ endpoint: gateway.url, apiKey, apiVersion: '2024-10-21', deployment: 'gpt-4o', maxRetries: 0 });

  it('OpenAI client: chat completion', async () => {
    const completion = await openai().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] });
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]!.message.content).toContain('Hello');
    expect(completion.usage!.total_tokens).toBeGreaterThan(0);
  });

  it('OpenAI client: streamed chat completion, with usage', async () => {
    const stream = await openai().chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: number | undefined;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage.total_tokens;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain('Stream please');
    expect(usage).toBeGreaterThan(0);
  });

  it('OpenAI client: embeddings and models', async () => {
    const embedding = await openai().embeddings.create({ model: 'text-embedding-3-small', input: 'hello' });
    expect(embedding.data[0]!.embedding.length).toBeGreaterThan(0);
    const models = await openai().models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o');
  });

  it('AzureOpenAI client: chat completion with the subscription key in api-key; the backend key is the credential', async () => {
    const { data, response } = await azure()
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi Azure' }] })
      .withResponse();
    expect(data.choices[0]!.message.content).toContain('Hi Azure');
    expect(response.headers.get('x-apimx-operation')).toBe('ChatCompletions_Create');
    expect(response.headers.get('x-ratelimit-remaining-requests')).not.toBeNull();
  });

  it('AzureOpenAI client: streamed chat completion', async () => {
    const stream = await azure().chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Azure stream' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toContain('Azure stream');
  });

  it('AzureOpenAI client: a wrong key is refused with APIM 401', async () => {
    const error = await azure('wrong-key')
      .chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'x' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).status).toBe(401);
  });

  it('the trace of the last request shows the API, operation, product, subscription and backend', async () => {
    await azure().embeddings.create({ model: 'text-embedding-3-small', input: 'trace me' });
    const traces = (await (await fetch(`${gateway.url}/apimx/traces?limit=1`)).json()) as {
      api: string;
      operation: string;
      product: string;
      subscription: string;
      status: number;
      backend: { id: string; url: string };
      policies: { section: string; policy: string; path: string; durationMs: number; outcome: string; variablesSet: string[] }[];
    }[];
    expect(traces[0]).toMatchObject({ api: 'aoai', operation: 'Embeddings_Create', product: 'starter', subscription: 'team-a', status: 200 });
    expect(traces[0]!.backend.id).toBe('aoai-backend');
    // Each policy run, in order, with its duration and the variables it set.
    const runs = traces[0]!.policies;
    expect(runs.map((r) => `${r.section}:${r.policy}`)).toEqual(
      expect.arrayContaining(['inbound:set-backend-service', 'inbound:set-variable', 'backend:retry', 'backend:forward-request', 'outbound:set-header']),
    );
    expect(runs.find((r) => r.policy === 'set-variable')).toMatchObject({ outcome: 'ok', variablesSet: ['operation'] });
    expect(runs.find((r) => r.policy === 'forward-request')!.path).toBe('retry[1]\\forward-request[1]');
    expect(runs.every((r) => r.durationMs >= 0)).toBe(true);
    expect(traces[0]!.backend.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/openai\/deployments\/gpt-4o\/embeddings\?api-version=2024-10-21$/);
  });
});
