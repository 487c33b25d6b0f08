// Embeddings: deterministic, similar texts close, the request options of OpenAI's API honoured.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cosine, embedText, startMockBackend, type MockBackend } from '../../src/mock/index.ts';
import { normaliseText } from '../../src/mock/embedding-vector.ts';
import { tokens as runtimeTokens } from '@apimx/runtime';

// The encoders the mock counts with (the runtime's token module).
const { loadEncoder } = runtimeTokens;

let backend: MockBackend;
let client: OpenAI;

beforeAll(async () => {
  backend = await startMockBackend();
  client = new OpenAI({ baseURL: `${backend.url}/v1`, apiKey: 'x', maxRetries: 0 });
});
afterAll(() => backend.close());

interface EmbeddingsBody {
  object: string;
  model: string;
  data: { index: number; object: string; embedding: number[] | string }[];
  usage: { prompt_tokens: number; total_tokens: number };
  error: { param: string | null };
}

async function post(body: unknown): Promise<{ status: number; json: EmbeddingsBody }> {
  const res = await fetch(`${backend.url}/v1/embeddings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as EmbeddingsBody };
}

describe('vectors', () => {
  it('are unit length and the same for the same text', () => {
    const a = embedText('Hello world', 1536);
    const norm = Math.sqrt(a.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    expect(Array.from(embedText('Hello world', 1536))).toEqual(Array.from(a));
  });

  it('rank paraphrases above unrelated sentences', () => {
    const q = embedText('What is the capital of France?', 1536);
    const paraphrase = cosine(q, embedText("what's the capital of france", 1536));
    const related = cosine(q, embedText('Paris is the capital of France', 1536));
    const unrelated = cosine(q, embedText('The quarterly report shows rising steel prices.', 1536));
    expect(paraphrase).toBeGreaterThan(0.75);
    expect(related).toBeGreaterThan(unrelated + 0.3);
    expect(unrelated).toBeLessThan(0.3);
  });

  it('ignore case, accents and apostrophes', () => {
    expect(normaliseText("What's  the CAPITAL of Fránce?")).toBe('whats the capital of france');
  });

  it('give empty text a unit vector, not NaN', () => {
    const v = embedText('', 8);
    expect(Array.from(v)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('the embeddings route', () => {
  it('honours dimensions and keeps similarity at small widths', async () => {
    const res = await client.embeddings.create({ model: 'text-embedding-3-small', dimensions: 64, input: ['capital of France', 'the capital of france?', 'steel prices'] });
    const [a, b, c] = res.data.map((d) => d.embedding);
    expect(a).toHaveLength(64);
    expect(cosine(a!, b!)).toBeGreaterThan(cosine(a!, c!));
  });

  it('sends base64 little-endian float32 when asked, equal to the float form', async () => {
    const asFloat = await post({ model: 'text-embedding-3-small', input: 'hello', encoding_format: 'float', dimensions: 16 });
    const asBase64 = await post({ model: 'text-embedding-3-small', input: 'hello', encoding_format: 'base64', dimensions: 16 });
    const bytes = Buffer.from(asBase64.json.data[0]!.embedding as string, 'base64');
    const decoded = Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4));
    expect(decoded).toEqual(asFloat.json.data[0]!.embedding);
  });

  it('embeds token arrays as the text they decode to, and counts their length', async () => {
    const cl100k = await loadEncoder('cl100k_base');
    const tokens = cl100k.encode('What is the capital of France?');
    const fromTokens = await post({ model: 'text-embedding-3-small', input: [tokens], encoding_format: 'float' });
    const fromText = await post({ model: 'text-embedding-3-small', input: 'What is the capital of France?', encoding_format: 'float' });
    expect(fromTokens.json.data[0]!.embedding).toEqual(fromText.json.data[0]!.embedding);
    expect(fromTokens.json.usage).toEqual({ prompt_tokens: tokens.length, total_tokens: tokens.length });
    expect(fromText.json.usage.prompt_tokens).toBe(tokens.length);
  });

  it('answers one embedding per input with its index and a list object', async () => {
    const res = await post({ model: 'text-embedding-3-large', input: ['a', 'b', 'c'], encoding_format: 'float' });
    expect(res.json.object).toBe('list');
    expect(res.json.model).toBe('text-embedding-3-large');
    expect(res.json.data.map((d) => [d.index, d.object])).toEqual([[0, 'embedding'], [1, 'embedding'], [2, 'embedding']]);
    expect(res.json.data[0]!.embedding).toHaveLength(3072);
  });

  it('refuses dimensions on ada-002 and out of range, and an empty input, with 400', async () => {
    expect((await post({ model: 'text-embedding-ada-002', input: 'x', dimensions: 8 })).status).toBe(400);
    const tooWide = await post({ model: 'text-embedding-3-small', input: 'x', dimensions: 2000 });
    expect(tooWide.status).toBe(400);
    expect(tooWide.json.error.param).toBe('dimensions');
    expect((await post({ model: 'text-embedding-3-small', input: [] })).status).toBe(400);
    expect((await post({ model: 'text-embedding-3-small', input: 'x', encoding_format: 'hex' })).status).toBe(400);
  });
});
