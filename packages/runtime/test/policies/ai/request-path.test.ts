// originalPath skips the URL parse for plain paths; whatever the URL, it must say what the parse says.
import { Url } from '@apimx/parser';
import { describe, expect, it } from 'vitest';
import { originalPath } from '../../../src/policies/ai/request-path.ts';

const URLS = [
  'http://127.0.0.1/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21',
  'https://apimx.local:8443/openai/deployments/gpt-4.1-mini/chat/completions',
  'http://h/v1/responses#frag',
  'http://h',
  'http://h?x=1',
  'http://h/',
  'http://h//double//slash/',
  'http://h/openai/deployments/gpt%2D4o/chat/completions',
  'http://h/openai/deployments/my%20model/embeddings',
  'http://h/openai/deployments/caf\u00e9/chat/completions',
  'http://h/a/../openai/deployments/x/chat/completions',
  'http://h/a/./b/.',
  'http://h/a/..',
  'http://h/a\\b/c',
  'http://h/a b/c',
  'http://h/%zz/bad-escape',
  "http://h/sub-delims!$&'()*+,;=:@/~_x.y",
  'http://h/.hidden/..dots../x',
  'HTTP://H/Upper/Case',
];

describe('originalPath', () => {
  it.each(URLS)('agrees with the URL parse for %s', (url) => {
    expect(originalPath(url)).toBe(Url.parse(url).Path);
  });

  it('reads the deployment path without decoding it twice', () => {
    expect(originalPath('http://h/openai/deployments/gpt%2D4o/chat/completions')).toBe('/openai/deployments/gpt-4o/chat/completions');
  });
});
