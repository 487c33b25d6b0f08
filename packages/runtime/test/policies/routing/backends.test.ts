import { describe, expect, it } from 'vitest';
import { applyCredentials, MemoryBackendRegistry } from '../../../src/backends/index.ts';
import { HeaderMap } from '../../../src/http/header-map.ts';
import { memoryServices } from '../../../src/memory-services.ts';

describe('backend registry', () => {
  it('takes bare properties or ARM resources ({ name, properties }) and lists its ids', () => {
    const registry = new MemoryBackendRegistry({
      plain: { url: 'https://a.example', protocol: 'http' },
      arm: { name: 'arm', properties: { url: 'https://b.example', protocol: 'http', credentials: { header: { 'api-key': ['k'] } } } },
    });
    expect(registry.get('plain')?.url).toBe('https://a.example');
    expect(registry.get('arm')?.credentials?.header?.['api-key']).toEqual(['k']);
    expect(registry.get('missing')).toBeUndefined();
    expect([...registry.ids()]).toEqual(['plain', 'arm']);
    registry.delete('plain');
    expect([...registry.ids()]).toEqual(['arm']);
  });

  it('memoryServices starts with an empty registry', () => {
    expect([...memoryServices().backends!.ids()]).toEqual([]);
  });
});

describe('backend credentials on the wire', () => {
  it('returns the same headers and URL when there is nothing to add', () => {
    const headers = new HeaderMap({ a: '1' });
    const target = applyCredentials(undefined, 'https://x.example/p?q=1', headers);
    expect(target.headers).toBe(headers);
    expect(target.url).toBe('https://x.example/p?q=1');
  });

  it('replaces a client header and query value of the same name, keeps the rest, and leaves the original headers alone', () => {
    const headers = new HeaderMap({ 'api-key': 'client', other: 'o' });
    const target = applyCredentials(
      { header: { 'API-KEY': ['backend'], 'x-multi': ['1', '2'] }, query: { code: ['c1', 'c2'] }, authorization: { scheme: 'Basic', parameter: 'dXNlcjpwYXNz' } },
      'https://x.example/p?code=client&keep=1',
      headers,
    );
    expect(target.url).toBe('https://x.example/p?keep=1&code=c1&code=c2');
    expect(target.headers.get('api-key')).toEqual(['backend']);
    expect(target.headers.get('x-multi')).toEqual(['1', '2']);
    expect(target.headers.first('authorization')).toBe('Basic dXNlcjpwYXNz');
    expect(target.headers.first('other')).toBe('o');
    expect(headers.first('api-key')).toBe('client');
    expect(headers.has('authorization')).toBe(false);
  });
});
