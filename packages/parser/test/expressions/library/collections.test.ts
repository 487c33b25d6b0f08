import { describe, expect, it } from 'vitest';
import { OutRef } from '../../../src/expressions/dotnet/registry.ts';
import { CsDictionary, CsList, KeyValuePair, STRING_COMPARERS } from '../../../src/expressions/dotnet/collections/index.ts';
import { call, construct, decl, get } from './helpers.ts';

describe('List<T>', () => {
  it('Add, Insert, Remove, Contains, IndexOf, Count, indexer', () => {
    const l = construct('List', [], ['int']) as CsList;
    for (const x of [3, 1, 2]) call('List', l, 'Add', [x]);
    call('List', l, 'Insert', [0, 9]);
    expect(l.items).toEqual([9, 3, 1, 2]);
    expect(call('List', l, 'Remove', [1])).toBe(true);
    expect(call('List', l, 'Remove', [42])).toBe(false);
    expect(call('List', l, 'Contains', [2])).toBe(true);
    expect(call('List', l, 'IndexOf', [2])).toBe(2);
    expect(get('List', l, 'Count')).toBe(3);
    expect(decl('List').indexer!.get(l, 1)).toBe(3);
    expect(() => decl('List').indexer!.get(l, 3)).toThrow(
      "Index was out of range. Must be non-negative and less than the size of the collection. (Parameter 'index')",
    );
  });
  it('Sort by default, by comparer, by lambda; RemoveAll; ToArray copies', () => {
    const l = construct('List', [['b', 'A', 'a', 'B']], ['string']) as CsList;
    call('List', l, 'Sort');
    expect(l.items).toEqual(['a', 'A', 'b', 'B']);
    call('List', l, 'Sort', [STRING_COMPARERS.Ordinal]);
    expect(l.items).toEqual(['A', 'B', 'a', 'b']);
    call('List', l, 'Sort', [(x: string, y: string) => (x < y ? 1 : x > y ? -1 : 0)]);
    expect(l.items).toEqual(['b', 'a', 'B', 'A']);
    expect(call('List', l, 'RemoveAll', [(x: string) => x === x.toUpperCase()])).toBe(2);
    const arr = call('List', l, 'ToArray') as string[];
    arr[0] = 'z';
    expect(l.items).toEqual(['b', 'a']);
  });
  it('foreach that modifies the list fails like .NET instead of looping', () => {
    const l = construct('List', [[1, 2]], ['int']) as CsList;
    expect(() => {
      for (const x of decl('List').enumerate!(l)) call('List', l, 'Add', [x]);
    }).toThrow('Collection was modified; enumeration operation may not execute.');
  });
});

describe('Dictionary<K,V>', () => {
  it('Add, indexer, duplicate keys and KeyNotFoundException', () => {
    const d = construct('Dictionary', [], ['string', 'int']) as CsDictionary;
    call('Dictionary', d, 'Add', ['Hate', 0]);
    decl('Dictionary').add!(d, ['Violence', 2]);
    decl('Dictionary').indexer!.set!(d, 'Hate', 4);
    expect(decl('Dictionary').indexer!.get(d, 'Hate')).toBe(4);
    expect(() => call('Dictionary', d, 'Add', ['Hate', 1])).toThrow('An item with the same key has already been added. Key: Hate');
    expect(() => decl('Dictionary').indexer!.get(d, 'nope')).toThrow("The given key 'nope' was not present in the dictionary.");
    expect([...d].map((e) => e.toString())).toEqual(['[Hate, 4]', '[Violence, 2]']);
  });
  it('TryGetValue, GetValueOrDefault use default(V)', () => {
    const d = construct('Dictionary', [], ['string', 'int']) as CsDictionary;
    const out = new OutRef();
    expect(call('Dictionary', d, 'TryGetValue', ['x', out])).toBe(false);
    expect(out.value).toBe(0);
    expect(call('Dictionary', d, 'GetValueOrDefault', ['x'])).toBe(0);
    expect(call('Dictionary', d, 'GetValueOrDefault', ['x', 7])).toBe(7);
  });
  it('StringComparer.OrdinalIgnoreCase keys', () => {
    const d = construct('Dictionary', [STRING_COMPARERS.OrdinalIgnoreCase], ['string', 'string']) as CsDictionary;
    call('Dictionary', d, 'Add', ['Content-Type', 'json']);
    expect(call('Dictionary', d, 'ContainsKey', ['content-type'])).toBe(true);
    expect(() => call('Dictionary', d, 'Add', ['CONTENT-TYPE', 'x'])).toThrow('An item with the same key has already been added. Key: CONTENT-TYPE');
    expect(call('Dictionary', d, 'Remove', ['CONTENT-type'])).toBe(true);
    expect(get('Dictionary', d, 'Count')).toBe(0);
  });
  it('null keys are ArgumentNullException', () => {
    const d = construct('Dictionary', [], ['string', 'int']) as CsDictionary;
    expect(() => call('Dictionary', d, 'ContainsKey', [null])).toThrow("Value cannot be null. (Parameter 'key')");
  });
  it('IDictionary members dispatch to the value', () => {
    const d = construct('Dictionary', [], ['string', 'int']) as CsDictionary;
    call('IDictionary', d, 'Add', ['a', 1]);
    expect(get('IDictionary', d, 'Count')).toBe(1);
    expect(decl('IReadOnlyDictionary').indexer!.get(d, 'a')).toBe(1);
    expect(get('IList', ['x', 'y'], 'Count')).toBe(2);
  });
});

describe('HashSet, Queue, Stack, KeyValuePair', () => {
  it('HashSet ignores duplicates, honours a comparer', () => {
    const s = construct('HashSet', [STRING_COMPARERS.OrdinalIgnoreCase], ['string']);
    expect(call('HashSet', s, 'Add', ['a'])).toBe(true);
    expect(call('HashSet', s, 'Add', ['A'])).toBe(false);
    expect(call('HashSet', s, 'Contains', ['a'])).toBe(true);
    call('HashSet', s, 'UnionWith', [['b', 'c']]);
    call('HashSet', s, 'ExceptWith', [['C']]);
    expect(get('HashSet', s, 'Count')).toBe(2);
  });
  it('Queue is FIFO, Stack LIFO, empty ones throw', () => {
    const q = construct('Queue', [], ['int']);
    call('Queue', q, 'Enqueue', [1]);
    call('Queue', q, 'Enqueue', [2]);
    expect(call('Queue', q, 'Dequeue')).toBe(1);
    const s = construct('Stack', [[1, 2, 3]], ['int']);
    expect([...decl('Stack').enumerate!(s)]).toEqual([3, 2, 1]);
    expect(call('Stack', s, 'Pop')).toBe(3);
    expect(() => call('Queue', construct('Queue'), 'Peek')).toThrow('Queue empty.');
    expect(() => call('Stack', construct('Stack'), 'Pop')).toThrow('Stack empty.');
  });
  it('KeyValuePair is a value', () => {
    const a = construct('KeyValuePair', ['k', 1], ['string', 'int']) as KeyValuePair;
    expect(get('KeyValuePair', a, 'Key')).toBe('k');
    expect(decl('KeyValuePair').equals!(a, new KeyValuePair('k', 1))).toBe(true);
    expect(decl('KeyValuePair').toString!(a)).toBe('[k, 1]');
  });
});
