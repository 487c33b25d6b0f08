import { describe, expect, it } from 'vitest';
import { OutRef } from '../../../src/expressions/dotnet/registry.ts';
import { JArray, JObject, JProperty, JValue, JTokenType, Formatting } from '../../../src/expressions/dotnet/json/index.ts';
import { call, callStatic, construct, decl, get } from './helpers.ts';

const parse = (s: string) => callStatic('JObject', 'Parse', [s]) as JObject;
const idx = (t: unknown, k: unknown) => decl('JToken').indexer!.get(t, k);
const str = (t: unknown) => decl('JToken').convertTo!(t, 'string');

describe('JObject.Parse and the indexer', () => {
  it('keeps property order and returns null for a missing key', () => {
    const o = parse('{"b":1,"a":{"c":[1,2]}}');
    expect(o.properties().map((p) => p.name)).toEqual(['b', 'a']);
    expect(idx(o, 'missing')).toBeNull();
    expect(idx(idx(idx(o, 'a'), 'c'), 1)).toBeInstanceOf(JValue);
  });
  it('classifies numbers as Integer or Float', () => {
    const o = parse('{"i":3,"f":3.0,"e":1e3}');
    expect(get('JToken', idx(o, 'i'), 'Type')).toBe(JTokenType.Integer);
    expect(get('JToken', idx(o, 'f'), 'Type')).toBe(JTokenType.Float);
    expect(get('JToken', idx(o, 'e'), 'Type')).toBe(JTokenType.Float);
  });
  it('accepts Newtonsoft leniencies: comments, single quotes, bare names, trailing commas', () => {
    const o = parse("{ /* c */ a: 'x', \"b\": [1,2,], // end\n }");
    expect(str(idx(o, 'a'))).toBe('x');
    expect((idx(o, 'b') as JArray).items).toHaveLength(2);
  });
  it('later duplicate names replace earlier ones in place', () => {
    expect(call('JToken', parse('{"a":1,"b":2,"a":3}'), 'ToString', [Formatting.None])).toBe('{"a":3,"b":2}');
  });
  it('reports JsonReaderException messages', () => {
    expect(() => parse('')).toThrow("Error reading JObject from JsonReader. Path '', line 0, position 0.");
    expect(() => parse('[1]')).toThrow('Error reading JObject from JsonReader. Current JsonReader item is not an object: StartArray. Path \'\', line 1, position 1.');
    expect(() => parse('{"a":}')).toThrow("Unexpected character encountered while parsing value: }. Path 'a', line 1, position 5.");
    expect(() => parse('{"a":1')).toThrow("Unexpected end of content while loading JObject. Path 'a', line 1, position 6.");
    expect(() => parse('{"a":"x')).toThrow('Unterminated string. Expected delimiter: ".');
    expect(() => parse('{} x')).toThrow('Additional text encountered after finished reading JSON content: x.');
    expect(() => callStatic('JArray', 'Parse', ['{}'])).toThrow('Current JsonReader item is not an array: StartObject.');
  });
  it('parse errors carry the .NET exception type for catch clauses', () => {
    let caught: unknown;
    try {
      parse('{');
    } catch (e) {
      caught = e;
    }
    expect((caught as { exceptionType?: string }).exceptionType).toBe('JsonReaderException');
  });
  it('refuses nesting past MaxDepth 64', () => {
    expect(() => callStatic('JToken', 'Parse', ['['.repeat(65) + ']'.repeat(65)])).toThrow("The reader's MaxDepth of 64 has been exceeded.");
    expect(() => callStatic('JToken', 'Parse', ['['.repeat(64) + ']'.repeat(64)])).not.toThrow();
  });
  it('indexing with the wrong key type is ArgumentException', () => {
    expect(() => idx(parse('{}'), 0)).toThrow('Accessed JObject values with invalid key value: 0. Object property name expected.');
    expect(() => idx(callStatic('JArray', 'Parse', ['[]']), 'x')).toThrow('Accessed JArray values with invalid key value: "x". Int32 array index expected.');
    expect(() => idx(new JValue('Integer', 1), 'x')).toThrow('Cannot access child value on Newtonsoft.Json.Linq.JValue.');
  });
});

describe('ToString and Formatting', () => {
  const o = () => parse('{"a":1,"b":[true,null],"c":{},"d":[],"e":"q\\"\\u0001","f":2.50}');
  it('indents with two spaces and "\\r\\n" by default', () => {
    expect(call('JToken', o(), 'ToString')).toBe(
      '{\r\n  "a": 1,\r\n  "b": [\r\n    true,\r\n    null\r\n  ],\r\n  "c": {},\r\n  "d": [],\r\n  "e": "q\\"\\u0001",\r\n  "f": 2.5\r\n}',
    );
  });
  it('Formatting.None is compact', () => {
    expect(call('JToken', o(), 'ToString', [Formatting.None])).toBe('{"a":1,"b":[true,null],"c":{},"d":[],"e":"q\\"\\u0001","f":2.5}');
  });
  it('a JValue prints its value, not JSON, unless formatting is asked', () => {
    const v = idx(parse('{"m":"gpt-4o","t":true,"n":null,"x":1.0}'), 'm');
    expect(call('JToken', v, 'ToString')).toBe('gpt-4o');
    expect(call('JToken', v, 'ToString', [Formatting.None])).toBe('"gpt-4o"');
    expect(decl('JValue').toString!(new JValue('Boolean', true))).toBe('True');
    expect(decl('JValue').toString!(new JValue('Null', null))).toBe('');
    expect(decl('JValue').toString!(new JValue('Float', 1))).toBe('1');
  });
  it('floats keep a decimal point in JSON and switch to E notation like .NET', () => {
    const a = construct('JArray', [1.0, 1e20, 0.00001, 123.25], [], ['double', 'double', 'double', 'double']);
    expect(call('JToken', a, 'ToString', [Formatting.None])).toBe('[1.0,1E+20,1E-05,123.25]');
  });
  it('JProperty prints as "name": value', () => {
    expect(decl('JProperty').toString!(new JProperty('a', new JValue('Integer', 1)))).toBe('"a": 1');
  });
});

describe('construction and editing', () => {
  it('new JObject(new JProperty(...)...) with static argument types deciding Integer vs Float', () => {
    const o = construct('JObject', [
      construct('JProperty', ['city', 'Paris']),
      construct('JProperty', ['temperature', 21], [], ['string', 'double']),
      construct('JProperty', ['humidity', 40], [], ['string', 'int']),
      construct('JProperty', ['tags', ['a', 'b']]),
    ]);
    expect(call('JToken', o, 'ToString', [Formatting.None])).toBe('{"city":"Paris","temperature":21.0,"humidity":40,"tags":["a","b"]}');
  });
  it('Add(name, value), duplicate names and wrong children are ArgumentException', () => {
    const o = construct('JObject') as JObject;
    call('JObject', o, 'Add', ['a', 1]);
    expect(() => call('JObject', o, 'Add', ['a', 2])).toThrow('Can not add property a to Newtonsoft.Json.Linq.JObject. Property with the same name already exists on object.');
    expect(() => call('JObject', o, 'Add', [new JValue('Integer', 1)])).toThrow('Can not add Newtonsoft.Json.Linq.JValue to Newtonsoft.Json.Linq.JObject.');
  });
  it('collection initializers: { "k", v } pairs and indexer sets', () => {
    const o = construct('JObject') as JObject;
    decl('JObject').add!(o, ['priority', 1]);
    decl('JObject').indexer!.set!(o, 'name', 'b1');
    expect(call('JToken', o, 'ToString', [Formatting.None])).toBe('{"priority":1,"name":"b1"}');
  });
  it('adding a token that has a parent adds a copy', () => {
    const a = parse('{"x":{"y":1}}');
    const b = construct('JObject') as JObject;
    decl('JObject').indexer!.set!(b, 'x', idx(a, 'x'));
    decl('JObject').indexer!.set!(idx(b, 'x'), 'y', 2);
    expect(call('JToken', a, 'ToString', [Formatting.None])).toBe('{"x":{"y":1}}');
  });
  it('new JArray(string[]) flattens, Remove/Replace/DeepClone', () => {
    const a = construct('JArray', [['Hate', 'Sexual']]) as JArray;
    expect(get('JContainer', a, 'Count')).toBe(2);
    const o = parse('{"a":1,"b":2}');
    expect(call('JObject', o, 'Remove', ['a'])).toBe(true);
    expect(call('JObject', o, 'Remove', ['zz'])).toBe(false);
    call('JToken', idx(o, 'b'), 'Replace', ['two']);
    const c = call('JToken', o, 'DeepClone') as JObject;
    decl('JObject').indexer!.set!(c, 'b', 3);
    expect(call('JToken', o, 'ToString', [Formatting.None])).toBe('{"b":"two"}');
  });
  it('Property(), Properties(), GetValue, TryGetValue, ContainsKey', () => {
    const o = parse('{"model":"gpt","Stream":true}');
    const p = call('JObject', o, 'Property', ['model']) as JProperty;
    expect(get('JProperty', p, 'Name')).toBe('model');
    expect(call('JObject', o, 'Property', ['nope'])).toBeNull();
    expect((call('JObject', o, 'Properties') as JProperty[]).length).toBe(2);
    const out = new OutRef();
    expect(call('JObject', o, 'TryGetValue', ['Stream', out])).toBe(true);
    expect(out.value).toBeInstanceOf(JValue);
    expect(call('JObject', o, 'ContainsKey', ['stream'])).toBe(false);
    expect(call('JObject', o, 'GetValue', ['missing'])).toBeNull();
  });
  it('Merge: objects recursively, arrays concatenated, null ignored', () => {
    const o = parse('{"a":{"x":1},"l":[1],"k":"v"}');
    call('JContainer', o, 'Merge', [parse('{"a":{"y":2},"l":[2],"k":null,"n":3}')]);
    expect(call('JToken', o, 'ToString', [Formatting.None])).toBe('{"a":{"x":1,"y":2},"l":[1,2],"k":"v","n":3}');
  });
});

describe('conversions', () => {
  const o = parse('{"s":"12","i":7,"f":2.5,"b":true,"n":null,"o":{},"d":"abc","h":1.5}');
  it('(string) on each kind', () => {
    expect(str(idx(o, 'i'))).toBe('7');
    expect(str(idx(o, 'b'))).toBe('True');
    expect(str(idx(o, 'n'))).toBeNull();
    expect(str(null)).toBeNull();
    expect(() => str(idx(o, 'o'))).toThrow('Can not convert Object to String.');
  });
  it('(int), (bool), (double), nullable', () => {
    const conv = (k: string, t: string) => decl('JToken').convertTo!(idx(o, k), t);
    expect(conv('s', 'int')).toBe(12);
    expect(conv('f', 'int')).toBe(2);
    expect(conv('h', 'int')).toBe(2);
    expect(conv('b', 'int')).toBe(1);
    expect(conv('i', 'double')).toBe(7);
    expect(conv('b', 'bool')).toBe(true);
    expect(conv('n', 'int?')).toBeNull();
    expect(() => conv('n', 'int')).toThrow('Can not convert Null to Int32.');
    expect(() => conv('d', 'int')).toThrow("The input string 'abc' was not in a correct format.");
    expect(() => conv('o', 'bool')).toThrow('Can not convert Object to Boolean.');
    expect(() => decl('JToken').convertTo!(null, 'int')).toThrow("Value cannot be null. (Parameter 'value')");
  });
  it('casting to another token type checks the runtime type', () => {
    expect(() => decl('JToken').convertTo!(parse('{}'), 'JArray')).toThrow(
      "Unable to cast object of type 'Newtonsoft.Json.Linq.JObject' to type 'Newtonsoft.Json.Linq.JArray'.",
    );
  });
  it('Value<T>(key): default(T) for a missing key, conversion otherwise', () => {
    expect(call('JToken', o, 'Value', ['missing'], ['int'])).toBe(0);
    expect(call('JToken', o, 'Value', ['missing'], ['bool'])).toBe(false);
    expect(call('JToken', o, 'Value', ['missing'], ['string'])).toBeNull();
    expect(call('JToken', o, 'Value', ['s'], ['int'])).toBe(12);
    expect(call('JToken', o, 'Value', ['i'], ['string'])).toBe('7');
    expect(call('JToken', o, 'Value', ['n'], ['string'])).toBeNull();
    expect(() => call('JToken', o, 'Value', ['n'], ['int'])).toThrow('Null object cannot be converted to a value type.');
    expect(() => call('JToken', o, 'Value', ['o'], ['string'])).toThrow('Cannot cast Newtonsoft.Json.Linq.JObject to Newtonsoft.Json.Linq.JToken.');
    expect(call('JToken', idx(o, 'b'), 'Value', [], ['bool'])).toBe(true);
  });
  it('ToObject<T>()', () => {
    const r = parse('{"u":["a","b"],"m":{"k":1}}');
    const copy = call('JToken', idx(r, 'u'), 'ToObject', [], ['JArray']) as JArray;
    expect(copy).not.toBe(idx(r, 'u'));
    expect(copy.items).toHaveLength(2);
    expect(call('JToken', idx(r, 'u'), 'ToObject', [], ['string[]'])).toEqual(['a', 'b']);
    expect(() => call('JToken', idx(r, 'm'), 'ToObject', [], ['JArray'])).toThrow('Current JsonReader item is not an array: StartObject.');
    expect(call('JToken', idx(idx(r, 'm'), 'k'), 'ToObject', [], ['int'])).toBe(1);
  });
});

describe('SelectToken', () => {
  const o = parse('{"a":{"b":[{"c":1},{"c":2}]},"x y":5}');
  const sel = (p: string) => call('JToken', o, 'SelectToken', [p]);
  it('dot, bracket and index forms', () => {
    expect(str(sel('$.a.b[1].c'))).toBe('2');
    expect(str(sel('a.b[0].c'))).toBe('1');
    expect(str(sel("['x y']"))).toBe('5');
    expect(str(sel("$['a']['b'][0]['c']"))).toBe('1');
    expect(sel('a.zz')).toBeNull();
    expect(sel('a.b[5]')).toBeNull();
  });
  it('several matches are an error for SelectToken, a list for SelectTokens', () => {
    expect(() => sel('a.b[*].c')).toThrow('Path returned multiple tokens.');
    expect((call('JToken', o, 'SelectTokens', ['$..c']) as unknown[]).map(str)).toEqual(['1', '2']);
  });
  it('paths report their location', () => {
    expect(get('JToken', sel('a.b[1].c'), 'Path')).toBe('a.b[1].c');
  });
});

describe('JsonConvert', () => {
  it('SerializeObject of tokens, anonymous objects, collections and primitives', () => {
    const ser = (v: unknown, f?: unknown) => callStatic('JsonConvert', 'SerializeObject', f ? [v, f] : [v]);
    expect(ser({ error: { message: 'x' } })).toBe('{"error":{"message":"x"}}');
    expect(ser(parse('{"a":[1]}'))).toBe('{"a":[1]}');
    expect(ser('a"b')).toBe('"a\\"b"');
    expect(ser(null)).toBe('null');
    expect(ser([1, 'two', true])).toBe('[1,"two",true]');
    expect(ser({ a: 1 }, Formatting.Indented)).toBe('{\r\n  "a": 1\r\n}');
  });
  it('DeserializeObject gives tokens or plain values, DeserializeObject<T> converts', () => {
    expect(callStatic('JsonConvert', 'DeserializeObject', ['{"a":1}'])).toBeInstanceOf(JObject);
    expect(callStatic('JsonConvert', 'DeserializeObject', ['"s"'])).toBe('s');
    expect(callStatic('JsonConvert', 'DeserializeObject', ['[1,2]'], ['int[]'])).toEqual([1, 2]);
  });
});

describe('enumeration and equality', () => {
  it('foreach over a JObject yields KeyValuePair<string,JToken>; over a JToken its children', () => {
    const o = parse('{"a":1,"b":2}');
    const kv = [...decl('JObject').enumerate!(o)] as { Key: string }[];
    expect(kv.map((p) => p.Key)).toEqual(['a', 'b']);
    expect([...decl('JToken').enumerate!(o)][0]).toBeInstanceOf(JProperty);
  });
  it('JValue.Equals compares values; DeepEquals compares trees', () => {
    expect(call('JToken', new JValue('Integer', 1), 'Equals', [new JValue('Float', 1)])).toBe(true);
    expect(call('JToken', new JValue('String', 'a'), 'Equals', [new JValue('String', 'b')])).toBe(false);
    expect(callStatic('JToken', 'DeepEquals', [parse('{"a":[1,{"b":null}]}'), parse('{"a":[1,{"b":null}]}')])).toBe(true);
  });
  it('HasValues, Type, First, Parent', () => {
    const o = parse('{"value":[],"v":[1]}');
    expect(get('JToken', idx(o, 'value'), 'HasValues')).toBe(false);
    expect(get('JToken', idx(o, 'v'), 'HasValues')).toBe(true);
    expect(decl('JTokenType').toString!(get('JToken', o, 'Type'))).toBe('Object');
    expect(get('JToken', get('JToken', idx(o, 'v'), 'First'), 'Parent')).toBe(idx(o, 'v'));
  });
});
