// The OpenAI v1 shape (an API whose URL suffix is typically `v1`): what the official SDKs call with a base URL.
// Operation ids follow OpenAI's own OpenAPI document.
import type { OperationConfig } from '../config/config-types.ts';

const op = (id: string, method: string, urlTemplate: string): OperationConfig => ({ id, name: id, method, urlTemplate });

export const OPENAI_V1_OPERATIONS: readonly OperationConfig[] = [
  op('createChatCompletion', 'POST', '/chat/completions'),
  op('createCompletion', 'POST', '/completions'),
  op('createEmbedding', 'POST', '/embeddings'),
  op('createResponse', 'POST', '/responses'),
  op('getResponse', 'GET', '/responses/{response_id}'),
  op('deleteResponse', 'DELETE', '/responses/{response_id}'),
  op('listInputItems', 'GET', '/responses/{response_id}/input_items'),
  op('listModels', 'GET', '/models'),
  op('retrieveModel', 'GET', '/models/{model}'),
];
