// Routing as APIM: API by URL suffix (longest match, whole segments), operation by method and URL template.
import { HeaderMap } from '@apimx/runtime';
import { describe, expect, it } from 'vitest';
import { AZURE_OPENAI_OPERATIONS, OPENAI_V1_OPERATIONS } from '../../src/index.ts';
import { ApiRouter } from '../../src/routing/api-router.ts';
import { OperationRouter } from '../../src/routing/operation-router.ts';
import { preflightMethod } from '../../src/routing/preflight.ts';
import { compileTemplate } from '../../src/routing/url-template.ts';

describe('API by path', () => {
  const router = new ApiRouter([{ path: 'openai' }, { path: 'openai/v1' }, { path: '' }, { path: 'v1' }]);

  it('longest suffix wins and the rest keeps its leading slash', () => {
    expect(router.match('/openai/v1/chat/completions')).toEqual({ api: { path: 'openai/v1' }, rest: '/chat/completions' });
    expect(router.match('/openai/deployments/x/embeddings')).toEqual({ api: { path: 'openai' }, rest: '/deployments/x/embeddings' });
    expect(router.match('/OpenAI/deployments/x/embeddings')!.api.path).toBe('openai');
    expect(router.match('/v1')).toEqual({ api: { path: 'v1' }, rest: '/' });
  });

  it('matches whole segments only; the root API takes the rest', () => {
    expect(router.match('/openaiX/y')).toEqual({ api: { path: '' }, rest: '/openaiX/y' });
    expect(new ApiRouter([{ path: 'a' }]).match('/ab')).toBeNull();
  });
});

describe('operation by method and template', () => {
  const azure = new OperationRouter(AZURE_OPENAI_OPERATIONS);

  it('Azure OpenAI: deployment-id into the matched parameters (decoded)', () => {
    const match = azure.match('POST', '/deployments/my%20gpt/chat/completions');
    expect(match!.operation.id).toBe('ChatCompletions_Create');
    expect(Object.fromEntries(match!.params)).toEqual({ 'deployment-id': 'my gpt' });
    expect(azure.match('POST', '/deployments/d/embeddings')!.operation.id).toBe('Embeddings_Create');
    expect(azure.match('POST', '/deployments/d/audio/transcriptions')!.operation.id).toBe('Transcriptions_Create');
  });

  // Every operation of the Azure OpenAI inference spec 2025-03-01-preview as APIM imports it
  // (Azure-Samples/AI-Gateway modules/apim/v1/specs/AIFoundryOpenAI.json): request → operationId and parameters.
  it.each([
    ['POST', '/deployments/d/completions', 'Completions_Create', { 'deployment-id': 'd' }],
    ['POST', '/deployments/d/embeddings', 'Embeddings_Create', { 'deployment-id': 'd' }],
    ['POST', '/deployments/d/chat/completions', 'ChatCompletions_Create', { 'deployment-id': 'd' }],
    ['POST', '/deployments/d/audio/transcriptions', 'Transcriptions_Create', { 'deployment-id': 'd' }],
    ['POST', '/deployments/d/audio/translations', 'Translations_Create', { 'deployment-id': 'd' }],
    ['POST', '/deployments/d/audio/speech', 'Speech_Create', { 'deployment-id': 'd' }],
    ['POST', '/deployments/d/images/generations', 'ImageGenerations_Create', { 'deployment-id': 'd' }],
    ['GET', '/assistants', 'List_Assistants', {}],
    ['POST', '/assistants', 'Create_Assistant', {}],
    ['GET', '/assistants/asst_1', 'Get_Assistant', { assistant_id: 'asst_1' }],
    ['POST', '/assistants/asst_1', 'Modify_Assistant', { assistant_id: 'asst_1' }],
    ['DELETE', '/assistants/asst_1', 'Delete_Assistant', { assistant_id: 'asst_1' }],
    ['POST', '/threads', 'Create_Thread', {}],
    ['GET', '/threads/t1', 'Get_Thread', { thread_id: 't1' }],
    ['POST', '/threads/t1', 'Modify_Thread', { thread_id: 't1' }],
    ['DELETE', '/threads/t1', 'Delete_Thread', { thread_id: 't1' }],
    ['GET', '/threads/t1/messages', 'List_Messages', { thread_id: 't1' }],
    ['POST', '/threads/t1/messages', 'Create_Message', { thread_id: 't1' }],
    ['GET', '/threads/t1/messages/m1', 'Get_Message', { thread_id: 't1', message_id: 'm1' }],
    ['POST', '/threads/t1/messages/m1', 'Modify_Message', { thread_id: 't1', message_id: 'm1' }],
    ['POST', '/threads/runs', 'Create_Thread_And_Run', {}],
    ['GET', '/threads/t1/runs', 'List_Runs', { thread_id: 't1' }],
    ['POST', '/threads/t1/runs', 'Create_Run', { thread_id: 't1' }],
    ['GET', '/threads/t1/runs/r1', 'Get_Run', { thread_id: 't1', run_id: 'r1' }],
    ['POST', '/threads/t1/runs/r1', 'Modify_Run', { thread_id: 't1', run_id: 'r1' }],
    ['POST', '/threads/t1/runs/r1/submit_tool_outputs', 'Submit_Tool_Outputs_To_Run', { thread_id: 't1', run_id: 'r1' }],
    ['POST', '/threads/t1/runs/r1/cancel', 'Cancel_Run', { thread_id: 't1', run_id: 'r1' }],
    ['GET', '/threads/t1/runs/r1/steps', 'List_Run_Steps', { thread_id: 't1', run_id: 'r1' }],
    ['GET', '/threads/t1/runs/r1/steps/s1', 'Get_Run_Step', { thread_id: 't1', run_id: 'r1', step_id: 's1' }],
    ['GET', '/vector_stores', 'List_Vector_Stores', {}],
    ['POST', '/vector_stores', 'Create_Vector_Store', {}],
    ['GET', '/vector_stores/vs1', 'Get_Vector_Store', { vector_store_id: 'vs1' }],
    ['POST', '/vector_stores/vs1', 'Modify_Vector_Store', { vector_store_id: 'vs1' }],
    ['DELETE', '/vector_stores/vs1', 'Delete_Vector_Store', { vector_store_id: 'vs1' }],
    ['GET', '/vector_stores/vs1/files', 'List_Vector_Store_Files', { vector_store_id: 'vs1' }],
    ['POST', '/vector_stores/vs1/files', 'Create_Vector_Store_File', { vector_store_id: 'vs1' }],
    ['GET', '/vector_stores/vs1/files/f1', 'Get_Vector_Store_File', { vector_store_id: 'vs1', file_id: 'f1' }],
    ['DELETE', '/vector_stores/vs1/files/f1', 'Delete_Vector_Store_File', { vector_store_id: 'vs1', file_id: 'f1' }],
    ['POST', '/vector_stores/vs1/files/f1', 'Update_Vector_Store_File_Attributes', { vector_store_id: 'vs1', file_id: 'f1' }],
    ['GET', '/vector_stores/vs1/files/f1/content', 'Retrieve_Vector_Store_File_Content', { vector_store_id: 'vs1', file_id: 'f1' }],
    ['POST', '/vector_stores/vs1/search', 'Search_Vector_Store', { vector_store_id: 'vs1' }],
    ['POST', '/vector_stores/vs1/file_batches', 'Create_Vector_Store_File_Batch', { vector_store_id: 'vs1' }],
    ['GET', '/vector_stores/vs1/file_batches/b1', 'Get_Vector_Store_File_Batch', { vector_store_id: 'vs1', batch_id: 'b1' }],
    ['POST', '/vector_stores/vs1/file_batches/b1/cancel', 'Cancel_Vector_Store_File_Batch', { vector_store_id: 'vs1', batch_id: 'b1' }],
    ['GET', '/vector_stores/vs1/file_batches/b1/files', 'List_Vector_Store_File_Batch_Files', { vector_store_id: 'vs1', batch_id: 'b1' }],
    ['POST', '/responses', 'Create_Response', {}],
    ['GET', '/responses/resp_1', 'Get_Response', { response_id: 'resp_1' }],
    ['DELETE', '/responses/resp_1', 'Delete_Response', { response_id: 'resp_1' }],
    ['GET', '/responses/resp_1/input_items', 'Get_Input_Items', { response_id: 'resp_1' }],
  ] as const)('Azure OpenAI: %s %s is %s', (method, path, id, params) => {
    const match = azure.match(method, path);
    expect(match!.operation.id).toBe(id);
    expect(Object.fromEntries(match!.params)).toEqual(params);
  });

  it('Azure OpenAI: 49 operations, each with the summary of the spec as its name', () => {
    expect(AZURE_OPENAI_OPERATIONS).toHaveLength(49);
    expect(new Set(AZURE_OPENAI_OPERATIONS.map((op) => op.id)).size).toBe(49);
    expect(AZURE_OPENAI_OPERATIONS.find((op) => op.id === 'ChatCompletions_Create')!.name).toBe('Creates a completion for the chat message');
  });

  it('method matters, and a parameter is one whole segment', () => {
    expect(azure.match('GET', '/deployments/d/chat/completions')).toBeNull();
    expect(azure.match('POST', '/deployments//chat/completions')).toBeNull();
    expect(azure.match('POST', '/deployments/a/b/chat/completions')).toBeNull();
  });

  it('OpenAI v1: the SDK paths', () => {
    const v1 = new OperationRouter(OPENAI_V1_OPERATIONS);
    expect(v1.match('POST', '/chat/completions')!.operation.id).toBe('createChatCompletion');
    expect(v1.match('POST', '/responses')!.operation.id).toBe('createResponse');
    expect(Object.fromEntries(v1.match('GET', '/models/gpt-4o')!.params)).toEqual({ model: 'gpt-4o' });
  });

  it('the more literal template wins over a parameter', () => {
    const router = new OperationRouter([
      { id: 'by-id', method: 'GET', urlTemplate: '/items/{id}' },
      { id: 'special', method: 'GET', urlTemplate: '/items/special' },
    ]);
    expect(router.match('GET', '/items/special')!.operation.id).toBe('special');
    expect(router.match('GET', '/items/7')!.operation.id).toBe('by-id');
  });

  it('a CORS preflight: an OPTIONS operation on the path, else the operation of the method it asks about', () => {
    const router = new OperationRouter([
      { id: 'any', method: '*', urlTemplate: '/{*path}' },
      { id: 'chat', method: 'POST', urlTemplate: '/chat' },
      { id: 'own-options', method: 'OPTIONS', urlTemplate: '/own' },
    ]);
    expect(router.matchPreflight('POST', '/chat')!.operation.id).toBe('chat');
    expect(router.matchPreflight('GET', '/chat')!.operation.id).toBe('any');
    expect(router.matchPreflight('POST', '/own')!.operation.id).toBe('own-options');
    expect(router.match('OPTIONS', '/chat')!.operation.id).toBe('any');
    const azure = new OperationRouter(AZURE_OPENAI_OPERATIONS);
    expect(azure.match('OPTIONS', '/deployments/d/chat/completions')).toBeNull();
    expect(azure.matchPreflight('POST', '/deployments/d/chat/completions')!.operation.id).toBe('ChatCompletions_Create');
    expect(azure.matchPreflight('PUT', '/deployments/d/chat/completions')).toBeNull();
  });

  it('a preflight is OPTIONS with Origin and Access-Control-Request-Method', () => {
    const headers = (raw: string[]) => HeaderMap.fromRaw(raw);
    expect(preflightMethod('OPTIONS', headers(['Origin', 'https://a.example', 'Access-Control-Request-Method', ' post ']))).toBe('POST');
    expect(preflightMethod('OPTIONS', headers(['Origin', 'https://a.example']))).toBeNull();
    expect(preflightMethod('OPTIONS', headers(['Access-Control-Request-Method', 'POST']))).toBeNull();
    expect(preflightMethod('POST', headers(['Origin', 'https://a.example', 'Access-Control-Request-Method', 'POST']))).toBeNull();
  });

  it('templates: wildcard, query part ignored, trailing slash tolerated', () => {
    expect(Object.fromEntries(compileTemplate('/files/{*path}').match('/files/a/b.txt')!)).toEqual({ path: 'a/b.txt' });
    expect(compileTemplate('/search?q={q}').match('/search')).not.toBeNull();
    expect(compileTemplate('/a/{b}').match('/a/x/')).not.toBeNull();
  });
});
