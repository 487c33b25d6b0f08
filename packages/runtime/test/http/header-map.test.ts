import { describe, expect, it } from 'vitest';
import { HeaderMap } from '../../src/http/header-map.ts';
import { buildUrl } from '../../src/http/types.ts';

describe('HeaderMap', () => {
  it('looks names up case-insensitively and keeps the first-seen spelling', () => {
    const h = new HeaderMap([
      ['Content-Type', 'application/json'],
      ['X-Trace', 'a'],
      ['x-trace', 'b'],
    ]);
    expect(h.get('content-type')).toEqual(['application/json']);
    expect(h.get('X-TRACE')).toEqual(['a', 'b']);
    expect(h.joined('x-trace')).toBe('a,b');
    h.set('CONTENT-TYPE', 'text/plain');
    expect([...h.names()]).toEqual(['Content-Type', 'X-Trace']);
    expect(h.toNode()).toEqual({ 'Content-Type': 'text/plain', 'X-Trace': ['a', 'b'] });
  });

  it('append, delete and re-add with a new spelling', () => {
    const h = new HeaderMap({ accept: '*/*', 'x-n': 3 });
    h.append('Accept', ['text/html', 'text/plain']);
    expect(h.get('ACCEPT')).toEqual(['*/*', 'text/html', 'text/plain']);
    expect(h.first('x-n')).toBe('3');
    expect(h.delete('ACCEPT')).toBe(true);
    expect(h.delete('accept')).toBe(false);
    h.set('ACCEPT', 'x');
    expect([...h]).toEqual([
      ['x-n', ['3']],
      ['ACCEPT', ['x']],
    ]);
    expect(h.size).toBe(2);
  });

  it('reads node rawHeaders with repeats and spelling; clones independently', () => {
    const h = HeaderMap.fromRaw(['Set-Cookie', 'a=1', 'Host', 'x', 'set-cookie', 'b=2']);
    expect(h.get('set-cookie')).toEqual(['a=1', 'b=2']);
    const copy = h.clone();
    copy.append('set-cookie', 'c=3');
    copy.delete('host');
    expect(h.get('set-cookie')).toEqual(['a=1', 'b=2']);
    expect(h.has('Host')).toBe(true);
    expect(HeaderMap.fromNode({ 'set-cookie': ['x=1'], accept: 'a' }).toJSON()).toEqual({ 'set-cookie': ['x=1'], accept: ['a'] });
    expect(h.toNode((name) => name === 'host')).toEqual({ 'Set-Cookie': ['a=1', 'b=2'] });
  });
});

describe('HeaderMap filtering and visiting', () => {
  it('fromRaw can skip names in the same pass; forEach gives lower-cased names', () => {
    const h = HeaderMap.fromRaw(['Keep-Alive', 'timeout=5', 'X-A', '1', 'x-a', '2'], (lower) => lower === 'keep-alive');
    expect(h.has('keep-alive')).toBe(false);
    const seen: string[] = [];
    h.forEach((values, lower, name) => seen.push(`${lower}|${name}|${values.join('+')}`));
    expect(seen).toEqual(['x-a|X-A|1+2']);
  });
});

describe('buildUrl', () => {
  it('leaves out default ports and an empty query', () => {
    expect(buildUrl({ scheme: 'https', host: 'api.example', port: 443, path: '/a', query: '' })).toBe('https://api.example/a');
    expect(buildUrl({ scheme: 'http', host: '127.0.0.1', port: 8080, path: '/a', query: 'x=1' })).toBe('http://127.0.0.1:8080/a?x=1');
  });
});
