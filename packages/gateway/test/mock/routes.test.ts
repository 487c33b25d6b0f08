// Which request shapes the mock accepts (OpenAI v1, Azure deployments, with or without /openai).
import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../src/mock/routes.ts';

describe('matchRoute', () => {
  it.each([
    ['/v1/chat/completions', { name: 'chat.completions' }],
    ['/openai/v1/chat/completions', { name: 'chat.completions' }],
    ['/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21', { name: 'chat.completions', deployment: 'gpt-4o' }],
    ['/deployments/my%20dep/embeddings', { name: 'embeddings', deployment: 'my dep' }],
    ['/openai/responses?api-version=2025-03-01-preview', { name: 'responses' }],
    ['/v1/completions/', { name: 'completions' }],
    ['/chat/completions', { name: 'chat.completions' }],
  ])('POST %s', (path, route) => {
    expect(matchRoute('POST', path)).toEqual(route);
  });

  it('GET models and one model', () => {
    expect(matchRoute('GET', '/v1/models')).toEqual({ name: 'models' });
    expect(matchRoute('GET', '/openai/models?api-version=1')).toEqual({ name: 'models' });
    expect(matchRoute('GET', '/v1/models/gpt-4o')).toEqual({ name: 'model', modelId: 'gpt-4o' });
  });

  it('stored responses: GET and DELETE by id, GET input_items with its query', () => {
    expect(matchRoute('GET', '/v1/responses/resp_1')).toEqual({ name: 'response.retrieve', responseId: 'resp_1' });
    expect(matchRoute('DELETE', '/openai/responses/resp_1?api-version=2025-03-01-preview')).toEqual({ name: 'response.delete', responseId: 'resp_1' });
    expect(matchRoute('GET', '/openai/responses/resp_1/input_items?limit=2&order=asc')).toEqual({
      name: 'response.input_items',
      responseId: 'resp_1',
      query: 'limit=2&order=asc',
    });
    expect(matchRoute('POST', '/v1/responses/resp_1')).toBeUndefined();
    expect(matchRoute('GET', '/v1/responses/resp_1/other')).toBeUndefined();
    expect(matchRoute('GET', '/openai/deployments/d/responses/resp_1')).toBeUndefined();
  });

  it('refuses unknown operations and wrong methods', () => {
    expect(matchRoute('POST', '/v1/images/generations')).toBeUndefined();
    expect(matchRoute('GET', '/v1/chat/completions')).toBeUndefined();
    expect(matchRoute('POST', '/openai/deployments/gpt-4o')).toBeUndefined();
    expect(matchRoute('GET', '/openai/deployments/x/models')).toBeUndefined();
  });
});
