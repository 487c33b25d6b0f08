// Routing as APIM: API by URL suffix (longest match, whole segments), operation by method and URL template.
import { describe, expect, it } from 'vitest';
import { AZURE_OPENAI_OPERATIONS, OPENAI_V1_OPERATIONS } from '../../src/index.ts';
import { ApiRouter } from '../../src/routing/api-router.ts';
import { OperationRouter } from '../../src/routing/operation-router.ts';
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
    expect(azure.match('GET', '/responses/resp_1/input_items')!.operation.id).toBe('listInputItems');
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

  it('templates: wildcard, query part ignored, trailing slash tolerated', () => {
    expect(Object.fromEntries(compileTemplate('/files/{*path}').match('/files/a/b.txt')!)).toEqual({ path: 'a/b.txt' });
    expect(compileTemplate('/search?q={q}').match('/search')).not.toBeNull();
    expect(compileTemplate('/a/{b}').match('/a/x/')).not.toBeNull();
  });
});
