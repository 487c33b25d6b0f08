// The Responses API's stored responses on the mock, through the official openai SDK: retrieve, input_items (order,
// limit, cursors), delete, and OpenAI's 404 for an unknown or deleted id; store: false keeps nothing. Also through
// the gateway's Azure OpenAI operations (Get_Response, Get_Input_Items, Delete_Response), which route to it.
import OpenAI, { AzureOpenAI, NotFoundError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockBackend, type MockBackend } from '../../src/mock/index.ts';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { writeFixture } from '../support/fixture.ts';

let backend: MockBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = await startMockBackend({ name: 'stored' });
  client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => backend.close());

const INPUT = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'First question' },
  { role: 'assistant' as const, content: 'First answer' },
  { role: 'user' as const, content: 'Second question' },
];

describe('stored responses', () => {
  it('GET /responses/{id} returns the response as it was created', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hello there' });
    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved).toEqual(created);
  });

  it('input_items lists the input as message items, newest first by default', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: INPUT });
    const page = await client.responses.inputItems.list(created.id);
    const items = page.data as { id: string; type: string; role: string; content: { type: string; text: string }[] }[];
    expect(items.map((item) => [item.type, item.role, item.content])).toEqual([
      ['message', 'user', [{ type: 'input_text', text: 'Second question' }]],
      ['message', 'assistant', [{ type: 'output_text', text: 'First answer' }]],
      ['message', 'user', [{ type: 'input_text', text: 'First question' }]],
      ['message', 'system', [{ type: 'input_text', text: 'Be brief.' }]],
    ]);
    expect(items.every((item) => /^msg_/.test(item.id))).toBe(true);
    expect(new Set(items.map((item) => item.id)).size).toBe(4);
  });

  it('input_items: order asc, limit and the after cursor page through', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: INPUT });
    const first = await client.responses.inputItems.list(created.id, { order: 'asc', limit: 3 });
    const texts = (page: typeof first): string[] => page.data.map((item) => (item as { content: { text: string }[] }).content[0]!.text);
    expect(texts(first)).toEqual(['Be brief.', 'First question', 'First answer']);
    expect(first.has_more).toBe(true);
    const lastId = (first.data.at(-1) as { id: string }).id;
    const second = await client.responses.inputItems.list(created.id, { order: 'asc', limit: 3, after: lastId });
    expect([texts(second), second.has_more]).toEqual([['Second question'], false]);
  });

  it('DELETE removes it: then GET and input_items are 404 with OpenAI\'s error body', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'To be deleted' });
    const deleted = await fetch(`${backend.url}/v1/responses/${created.id}`, { method: 'DELETE' });
    expect([deleted.status, await deleted.json()]).toEqual([200, { id: created.id, object: 'response', deleted: true }]);
    const missing = await fetch(`${backend.url}/v1/responses/${created.id}`);
    expect([missing.status, await missing.json()]).toEqual([
      404,
      { error: { message: `Response with id '${created.id}' not found.`, type: 'invalid_request_error', param: null, code: null } },
    ]);
    await expect(client.responses.inputItems.list(created.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.responses.delete(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('store: false keeps nothing', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Forget me', store: false });
    await expect(client.responses.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a streamed response is stored too', async () => {
    const stream = await client.responses.create({ model: 'gpt-4o', input: 'Stream me', stream: true });
    let id = '';
    for await (const event of stream) if (event.type === 'response.completed') id = event.response.id;
    expect((await client.responses.retrieve(id)).status).toBe('completed');
  });

  it('a bad limit is a 400 naming the parameter', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'x' });
    const reply = await fetch(`${backend.url}/v1/responses/${created.id}/input_items?limit=0`);
    expect([reply.status, ((await reply.json()) as { error: { param: string } }).error.param]).toEqual([400, 'limit']);
  });
});

describe('stored responses through the gateway (Azure OpenAI operations)', () => {
  let gateway: RunningGateway;
  let azure: AzureOpenAI;

  beforeAll(async () => {
    const dir = writeFixture({
      'apimx.yaml': `
mocks: [ { name: m } ]
apis:
  aoai: { path: openai, serviceUrl: "mock://m/openai", subscriptionRequired: false, operations: azure-openai }
`,
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    azure = new AzureOpenAI({ endpoint: gateway.url, apiKey: 'unused', apiVersion: '2025-03-01-preview', maxRetries: 0 });
  });
  afterAll(() => gateway.close());

  it('create, retrieve, input_items, delete: each is the operation the Azure spec names', async () => {
    const created = await azure.responses.create({ model: 'gpt-4o', input: 'Via the gateway' });
    expect((await azure.responses.retrieve(created.id)).id).toBe(created.id);
    const items = await azure.responses.inputItems.list(created.id);
    expect(items.data).toHaveLength(1);
    await azure.responses.delete(created.id);
    await expect(azure.responses.retrieve(created.id)).rejects.toBeInstanceOf(NotFoundError);
    const operations = gateway.traces.recent(5).map((trace) => trace.operation).reverse();
    expect(operations).toEqual(['Create_Response', 'Get_Response', 'Get_Input_Items', 'Delete_Response', 'Get_Response']);
  });
});
