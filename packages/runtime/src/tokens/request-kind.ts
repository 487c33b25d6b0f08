// Which OpenAI-style API a request body belongs to. The operation's path says it best (apiFromPath); without
// one the body decides: `messages` → chat, `prompt` → completions, `input` → embeddings or Responses.

export type ApiKind = 'chat' | 'responses' | 'embeddings' | 'completions';

// A path's answer, remembered: a gateway sees the same few operation paths again and again.
const byPath = new Map<string, ApiKind | undefined>();

/** From a URL path such as /openai/deployments/x/chat/completions or /v1/responses; undefined if none fits. */
export function apiFromPath(path: string): ApiKind | undefined {
  const known = byPath.get(path);
  if (known !== undefined || byPath.has(path)) return known;
  const kind = kindOfPath(path);
  if (byPath.size >= 1024) byPath.clear();
  byPath.set(path, kind);
  return kind;
}

function kindOfPath(path: string): ApiKind | undefined {
  const p = path.split('?')[0]!.replace(/\/+$/, '').toLowerCase();
  if (p.endsWith('/chat/completions') || p.endsWith('/messages')) return 'chat';
  if (p.endsWith('/embeddings')) return 'embeddings';
  if (p.endsWith('/completions')) return 'completions';
  if (p.endsWith('/responses')) return 'responses';
  return undefined;
}

const RESPONSES_ONLY = ['instructions', 'tools', 'max_output_tokens', 'previous_response_id', 'reasoning', 'text', 'stream', 'store'];

export function apiFromBody(body: Record<string, unknown>, model: string | undefined): ApiKind | undefined {
  if (Array.isArray(body['messages'])) return 'chat';
  if (body['prompt'] !== undefined) return 'completions';
  const input = body['input'];
  if (input === undefined) return undefined;
  if (model !== undefined && /embed/i.test(model)) return 'embeddings';
  if ('dimensions' in body || 'encoding_format' in body) return 'embeddings';
  if (RESPONSES_ONLY.some((key) => key in body)) return 'responses';
  // Items that are objects (messages, parts) only exist in the Responses API; token arrays only in embeddings.
  if (Array.isArray(input) && input.some((item) => item !== null && typeof item === 'object' && !Array.isArray(item))) return 'responses';
  if (Array.isArray(input) && input.some((item) => typeof item === 'number' || Array.isArray(item))) return 'embeddings';
  // A bare string or string list with nothing else to go by: embeddings, the API that takes only that.
  return 'embeddings';
}
