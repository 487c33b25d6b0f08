// Which API a request is for. Accepted shapes (query string ignored, `api-version` not required):
//   /v1/<op>, /openai/v1/<op>                       OpenAI v1 (also Azure's v1 API)
//   /openai/deployments/{id}/<op>, /deployments/{id}/<op>   Azure OpenAI, with or without the /openai prefix
//   /openai/<op>, /<op>                             Azure's Responses/models paths, or a gateway that strips prefixes
// Stored responses: GET and DELETE responses/{id}, GET responses/{id}/input_items.

//   /contentsafety/text:analyze, /contentsafety/text:shieldPrompt   Azure AI Content Safety (an emulation)

export type RouteName =
  | 'chat.completions'
  | 'completions'
  | 'embeddings'
  | 'responses'
  | 'response.retrieve'
  | 'response.delete'
  | 'response.input_items'
  | 'models'
  | 'model'
  | 'contentsafety.analyze'
  | 'contentsafety.shieldPrompt';

export interface Route {
  name: RouteName;
  /** The Azure deployment id from the path, if any (stands in for the model when the body names none). */
  deployment?: string;
  /** The model id of GET /models/{id}. */
  modelId?: string;
  /** The response id of responses/{id} routes. */
  responseId?: string;
  /** The query string (without '?') of a list route: limit, order, after, before. */
  query?: string;
}

const POST_OPS: Record<string, RouteName> = {
  'chat/completions': 'chat.completions',
  completions: 'completions',
  embeddings: 'embeddings',
  responses: 'responses',
};

const CONTENT_SAFETY_OPS: Record<string, RouteName> = {
  '/contentsafety/text:analyze': 'contentsafety.analyze',
  '/contentsafety/text:shieldPrompt': 'contentsafety.shieldPrompt',
};

export function matchRoute(method: string, rawPath: string): Route | undefined {
  const q = rawPath.indexOf('?');
  let path = q === -1 ? rawPath : rawPath.slice(0, q);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  const safety = CONTENT_SAFETY_OPS[path];
  if (safety !== undefined) return method === 'POST' ? { name: safety } : undefined;
  if (path.startsWith('/openai/')) path = path.slice(7);
  if (path.startsWith('/v1/')) path = path.slice(3);

  let deployment: string | undefined;
  if (path.startsWith('/deployments/')) {
    const end = path.indexOf('/', 13);
    if (end === -1) return undefined;
    deployment = decodeURIComponent(path.slice(13, end));
    path = path.slice(end);
  }
  const op = path.slice(1);

  if (deployment === undefined && op.startsWith('responses/')) return storedResponseRoute(method, op.slice(10), q === -1 ? '' : rawPath.slice(q + 1));
  if (method === 'POST') {
    const name = POST_OPS[op];
    if (name === undefined) return undefined;
    return deployment === undefined ? { name } : { name, deployment };
  }
  if (method === 'GET' && deployment === undefined) {
    if (op === 'models') return { name: 'models' };
    if (op.startsWith('models/') && op.length > 7) return { name: 'model', modelId: decodeURIComponent(op.slice(7)) };
  }
  return undefined;
}

/** `<id>` or `<id>/input_items` after `responses/`. */
function storedResponseRoute(method: string, rest: string, query: string): Route | undefined {
  const slash = rest.indexOf('/');
  const id = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
  const tail = slash === -1 ? '' : rest.slice(slash + 1);
  if (id === '') return undefined;
  if (tail === '' && method === 'GET') return { name: 'response.retrieve', responseId: id };
  if (tail === '' && method === 'DELETE') return { name: 'response.delete', responseId: id };
  if (tail === 'input_items' && method === 'GET') return { name: 'response.input_items', responseId: id, query };
  return undefined;
}
