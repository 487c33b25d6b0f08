// A prompt's embedding from the semantic cache's embeddings backend: an OpenAI-compatible embeddings endpoint
// whose backend URL is the full URL (…/deployments/<embeddings-deployment>/embeddings, or …/v1/embeddings),
// answering {"data":[{"embedding":[...]}]} (floats, or base64 float32 when a server prefers it).
import { asObject } from '../../tokens/json-shapes.ts';
import type { RequestContext } from '../../context/request-context.ts';
import { callBackend } from './backend-call.ts';

// [UNCONFIRMED] how long APIM waits for the embeddings backend: apimx gives up after 20 s (a miss, not an error).
const EMBEDDINGS_TIMEOUT_MS = 20_000;

/** Rejects with a message saying what went wrong; the caller treats that as a cache miss. */
export async function embed(ctx: RequestContext, source: string, backendId: string, text: string): Promise<Float32Array> {
  const answer = await callBackend(ctx, { source, backendId, path: '', body: { input: text }, timeoutMs: EMBEDDINGS_TIMEOUT_MS });
  if (answer.status !== 200) {
    throw new Error(`embeddings backend '${backendId}' answered ${answer.status}: ${answer.text.slice(0, 200)}`);
  }
  const data = asObject(answer.json)?.['data'];
  const first = Array.isArray(data) ? asObject(data[0]) : undefined;
  const embedding = first?.['embedding'];
  if (Array.isArray(embedding) && embedding.length > 0 && embedding.every((x) => typeof x === 'number')) return Float32Array.from(embedding as number[]);
  if (typeof embedding === 'string' && embedding.length > 0) {
    const bytes = Buffer.from(embedding, 'base64');
    const vector = new Float32Array(bytes.byteLength >>> 2);
    new Uint8Array(vector.buffer).set(bytes.subarray(0, vector.byteLength));
    return vector;
  }
  throw new Error(`embeddings backend '${backendId}' answered without an embedding (data[0].embedding)`);
}
