// Every documented example of spec §2.1 (api-management-policy-expressions.md), evaluated against a context.
import { describe, expect, it } from 'vitest';
import { HeaderDictionary, ProxyContext, ResponseModel, RequestModel } from '../../../src/expressions/index.ts';
import { makeContext, run } from '../helpers.ts';

describe('spec §2.1 documented examples', () => {
  it('@(true)', () => {
    expect(run('true')).toBe(true);
  });

  it('@((1+1).ToString())', () => {
    expect(run('(1+1).ToString()')).toBe('2');
  });

  it('@("Hi There".Length)', () => {
    expect(run('"Hi There".Length')).toBe(8);
  });

  it('@(Regex.Match(Cache-Control, max-age=(?<maxAge>\\d+)).Groups["maxAge"]?.Value)', () => {
    const code = 'Regex.Match(context.Response.Headers.GetValueOrDefault("Cache-Control",""), @"max-age=(?<maxAge>\\d+)").Groups["maxAge"]?.Value';
    expect(run(code)).toBe('3600');
    const ctx = makeContext();
    ctx.Response = new ResponseModel({ Headers: new HeaderDictionary() });
    // No header: the default "" does not match; the group exists and its Value is "".
    expect(run(code, ctx)).toBe('');
  });

  it('@(context.Variables.ContainsKey("maxAge") ? int.Parse((string)context.Variables["maxAge"]) : 3600)', () => {
    const code = 'context.Variables.ContainsKey("maxAge") ? int.Parse((string)context.Variables["maxAge"]) : 3600';
    expect(run(code)).toBe(120);
    const ctx = makeContext();
    ctx.Variables.remove('maxAge');
    expect(run(code, ctx)).toBe(3600);
  });

  const basicBlock = `{
  string[] value;
  if (context.Request.Headers.TryGetValue("Authorization", out value))
  {
      if(value != null && value.Length > 0)
      {
          return Encoding.UTF8.GetString(Convert.FromBase64String(value[0]));
      }
  }
  return null;
}`;

  it('@{ string[] value; TryGetValue("Authorization", out value) ... } decodes the header', () => {
    const ctx = new ProxyContext({ Request: new RequestModel({ Headers: new HeaderDictionary({ authorization: 'YWxpY2U6c2VjcmV0' }) }) });
    expect(run(basicBlock, ctx)).toBe('alice:secret');
  });

  it('@{ ... } returns null without the header', () => {
    expect(run(basicBlock, new ProxyContext())).toBe(null);
  });
});
