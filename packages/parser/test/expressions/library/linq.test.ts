import { describe, expect, it } from 'vitest';
import { CsDictionary, CsList, STRING_COMPARERS } from '../../../src/expressions/dotnet/collections/index.ts';
import { JObject, JValue } from '../../../src/expressions/dotnet/json/index.ts';
import { decl, call, callStatic, construct } from './helpers.ts';
import type { MethodDecl, TypeResolver } from '../../../src/expressions/dotnet/registry.ts';

const q = (self: unknown, name: string, args: unknown[] = [], typeArgs: string[] = []) => [
  ...(call('IEnumerable', self, name, args, typeArgs) as Iterable<unknown>),
];
const one = (self: unknown, name: string, args: unknown[] = []) => call('IEnumerable', self, name, args);
const returns = (name: string, receiver: string, typeArgs: string[] = [], argTypes: string[] = []) =>
  ((decl('IEnumerable').instance![name] as MethodDecl).returns as TypeResolver)(receiver, typeArgs, argTypes);

describe('LINQ operators', () => {
  const xs = [5, 3, 8, 1];
  it('Where, Select (with index), SelectMany, Take/Skip/TakeWhile/SkipWhile', () => {
    expect(q(xs, 'Where', [(x: number) => x > 2])).toEqual([5, 3, 8]);
    expect(q(xs, 'Select', [(x: number, i: number) => x * 10 + i])).toEqual([50, 31, 82, 13]);
    expect(q([[1, 2], [3]], 'SelectMany', [(a: number[]) => a])).toEqual([1, 2, 3]);
    expect(q(xs, 'Take', [2])).toEqual([5, 3]);
    expect(q(xs, 'Skip', [3])).toEqual([1]);
    expect(q(xs, 'TakeWhile', [(x: number) => x > 2])).toEqual([5, 3, 8]);
    expect(q(xs, 'SkipWhile', [(x: number) => x > 4])).toEqual([3, 8, 1]);
  });
  it('First/Last/Single and their OrDefault forms with .NET messages', () => {
    expect(one(xs, 'First')).toBe(5);
    expect(one(xs, 'First', [(x: number) => x > 6])).toBe(8);
    expect(() => one([], 'First')).toThrow('Sequence contains no elements');
    expect(() => one(xs, 'First', [(x: number) => x > 60])).toThrow('Sequence contains no matching element');
    expect(one(xs, 'FirstOrDefault', [(x: number) => x > 60])).toBeNull();
    expect(one(new CsList([], 'int'), 'FirstOrDefault')).toBe(0);
    expect(one(xs, 'Last')).toBe(1);
    expect(one(xs, 'LastOrDefault', [(x: number) => x > 4])).toBe(8);
    expect(() => one(xs, 'Single')).toThrow('Sequence contains more than one element');
    expect(() => one(xs, 'SingleOrDefault', [(x: number) => x > 2])).toThrow('Sequence contains more than one matching element');
    expect(one([7], 'Single')).toBe(7);
    expect(one([], 'SingleOrDefault')).toBeNull();
  });
  it('Count, Any, All, Contains, Sum, Min, Max, Average, Aggregate', () => {
    expect(one(xs, 'Count')).toBe(4);
    expect(one(xs, 'Count', [(x: number) => x % 2 === 1])).toBe(3);
    expect(one([], 'Any')).toBe(false);
    expect(one(xs, 'All', [(x: number) => x > 0])).toBe(true);
    expect(one(['a', 'b'], 'Contains', ['b'])).toBe(true);
    expect(one(['a', 'b'], 'Contains', ['B', STRING_COMPARERS.OrdinalIgnoreCase])).toBe(true);
    expect(one(xs, 'Sum')).toBe(17);
    expect(one(['a', 'bcd'], 'Sum', [(s: string) => s.length])).toBe(4);
    expect(one([], 'Sum')).toBe(0);
    expect(one(xs, 'Min')).toBe(1);
    expect(one(xs, 'Max')).toBe(8);
    expect(() => one([], 'Max')).toThrow('Sequence contains no elements');
    expect(one(xs, 'Average')).toBe(4.25);
    expect(one(xs, 'Aggregate', [(a: number, b: number) => a * b])).toBe(120);
    expect(one(['a', 'b'], 'Aggregate', ['>', (a: string, b: string) => a + b])).toBe('>ab');
  });
  it('OrderBy is stable, culture-ordered for strings; ThenBy and descending', () => {
    const words = ['b', 'B', 'a', 'A', 'c'];
    expect(q(words, 'OrderBy', [(w: string) => w])).toEqual(['a', 'A', 'b', 'B', 'c']);
    const people = [{ n: 'x', a: 2 }, { n: 'y', a: 1 }, { n: 'z', a: 2 }];
    const ordered = call('IEnumerable', people, 'OrderByDescending', [(p: { a: number }) => p.a]);
    expect(q(ordered, 'ThenByDescending', [(p: { n: string }) => p.n]).map((p) => (p as { n: string }).n)).toEqual(['z', 'x', 'y']);
    expect(q(['h-b', 'h-a'], 'OrderBy', [(h: string) => h, STRING_COMPARERS.Ordinal])).toEqual(['h-a', 'h-b']);
  });
  it('Distinct, Union, Intersect, Except, Concat, Reverse, Zip, DefaultIfEmpty, ElementAt, SequenceEqual', () => {
    expect(q([1, 2, 1, 3, 2], 'Distinct')).toEqual([1, 2, 3]);
    expect(q(['a', 'A'], 'Distinct', [STRING_COMPARERS.OrdinalIgnoreCase])).toEqual(['a']);
    expect(q([1, 2], 'Union', [[2, 3]])).toEqual([1, 2, 3]);
    expect(q([1, 2, 3], 'Intersect', [[3, 2]])).toEqual([2, 3]);
    expect(q([1, 2, 3], 'Except', [[2]])).toEqual([1, 3]);
    expect(q([1], 'Concat', [[2]])).toEqual([1, 2]);
    expect(q([1, 2], 'Reverse')).toEqual([2, 1]);
    expect(q([1, 2, 3], 'Zip', [['a', 'b'], (n: number, s: string) => s + n])).toEqual(['a1', 'b2']);
    expect(q([], 'DefaultIfEmpty', [9])).toEqual([9]);
    expect(one(['a', 'b'], 'ElementAt', [1])).toBe('b');
    expect(() => one(['a'], 'ElementAt', [1])).toThrow('Index was out of range.');
    expect(one([1, 2], 'SequenceEqual', [[1, 2]])).toBe(true);
  });
  it('ToList, ToArray, ToDictionary (duplicate keys fail), GroupBy', () => {
    const list = one(['a', 'bb'], 'ToList') as CsList;
    expect(list).toBeInstanceOf(CsList);
    const d = one(['a', 'bb'], 'ToDictionary', [(s: string) => s, (s: string) => s.length]) as CsDictionary;
    expect(d.get('bb')).toBe(2);
    expect(() => one(['a', 'a'], 'ToDictionary', [(s: string) => s])).toThrow('An item with the same key has already been added. Key: a');
    const groups = q(['ab', 'ac', 'b'], 'GroupBy', [(s: string) => s[0]]) as { Key: string; elements: string[] }[];
    expect(groups.map((g) => [g.Key, g.elements])).toEqual([['a', ['ab', 'ac']], ['b', ['b']]]);
  });
  it('Cast<T> fails on a wrong element, OfType<T> filters', () => {
    expect(q([1, 'a', 2], 'OfType', [], ['int'])).toEqual([1, 2]);
    expect(() => q([1, 'a'], 'Cast', [], ['int'])).toThrow("Unable to cast object of type 'System.String' to type 'System.Int32'.");
    const tokens = [new JObject(), new JValue('Integer', 1)];
    expect(q(tokens, 'OfType', [], ['JObject'])).toHaveLength(1);
  });
  it('applies to strings, dictionaries, lists and JSON arrays', () => {
    expect(one('a1b2', 'Count', [(c: string) => c >= '0' && c <= '9'])).toBe(2);
    const d = construct('Dictionary', [], ['string', 'int']) as CsDictionary;
    d.add('x', 1);
    expect(q(d, 'Select', [(kv: { Key: string }) => kv.Key])).toEqual(['x']);
    const arr = callStatic('JArray', 'Parse', ['[{"c":"Hate","s":2},{"c":"Violence","s":6}]']);
    const hit = one(arr, 'FirstOrDefault', [(t: unknown) => decl('JToken').convertTo!(decl('JToken').indexer!.get(t, 'c'), 'string') === 'Violence']);
    expect(decl('JToken').convertTo!(decl('JToken').indexer!.get(hit, 's'), 'int')).toBe(6);
  });
  it('null source is ArgumentNullException', () => {
    expect(() => one(null, 'Any')).toThrow("Value cannot be null. (Parameter 'source')");
  });
});

describe('Enumerable statics and result types', () => {
  it('Range, Repeat, Empty; static forms of the operators', () => {
    expect(callStatic('Enumerable', 'Range', [3, 4])).toEqual([3, 4, 5, 6]);
    expect(callStatic('Enumerable', 'Repeat', ['x', 2])).toEqual(['x', 'x']);
    expect(callStatic('Enumerable', 'Empty', [], ['int'])).toEqual([]);
    expect(() => callStatic('Enumerable', 'Range', [0, -1])).toThrow("Specified argument was out of the range of valid values. (Parameter 'count')");
    expect(callStatic('Enumerable', 'Count', [[1, 2]])).toBe(2);
  });
  it('Range charges the allocation budget before allocating', () => {
    const guard = { step() {}, alloc(n: number) { if (n > 1000) throw new Error('budget'); } };
    const range = decl('Enumerable').static!['Range'] as MethodDecl;
    expect(() => range.invoke(undefined, [0, 1e9], { typeArgs: [], argTypes: [], named: {}, guard })).toThrow('budget');
  });
  it('result types follow the receiver', () => {
    expect(returns('Where', 'string[]')).toBe('IEnumerable<string>');
    expect(returns('ToList', 'IEnumerable<JToken>')).toBe('List<JToken>');
    expect(returns('ToArray', 'JArray')).toBe('JToken[]');
    expect(returns('First', 'List<int>')).toBe('int');
    expect(returns('Select', 'JArray')).toBe('IEnumerable<dynamic>');
    expect(returns('Select', 'JArray', [], ['Func<JToken,string>'])).toBe('IEnumerable<string>');
    expect(returns('OrderBy', 'List<string[]>')).toBe('IOrderedEnumerable<string[]>');
    expect(returns('ToDictionary', 'Dictionary<string,int>')).toBe('Dictionary<dynamic,KeyValuePair<string,int>>');
    expect(returns('Cast', 'JArray', ['JObject'])).toBe('IEnumerable<JObject>');
  });
});
