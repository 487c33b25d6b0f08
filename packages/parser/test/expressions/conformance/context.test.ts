// The context model (spec §2.2) evaluated against contexts built from the context classes.
import { describe, expect, it } from 'vitest';
import {
  compileExpression, ExpressionEvaluationError, MessageBody, ProxyContext, RequestModel, VariableDictionary,
} from '../../../src/expressions/index.ts';
import { makeContext, run, source } from '../helpers.ts';
import { table } from './table.ts';
import type { Row } from './table.ts';

const request: Row[] = [
  ['context.Request.Method', 'POST'],
  ['context.Request.Headers.GetValueOrDefault("x-user-id", "N/A")', 'alice'],
  ['context.Request.Headers.GetValueOrDefault("X-USER-ID", "N/A")', 'alice'],
  ['context.Request.Headers.GetValueOrDefault("missing", "N/A")', 'N/A'],
  ['context.Request.Headers.GetValueOrDefault("missing")', null],
  ['context.Request.Headers.GetValueOrDefault("Accept", "")', 'application/json,text/plain'],
  ['context.Request.Headers["accept"].Length', 2],
  ['context.Request.Headers["accept"][1]', 'text/plain'],
  ['context.Request.Headers["nope"]', { throws: 'KeyNotFoundException' }],
  ['context.Request.Headers.ContainsKey("content-type")', true],
  ['context.Request.Headers.Count', 4],
  ['context.Request.Headers.TryGetValue("X-User-Id", out var v) ? v[0] : "none"', 'alice'],
  ['context.Request.Headers.TryGetValue("nope", out var v) ? v[0] : "none"', 'none'],
  ['context.Request.Headers.Keys.Contains("Accept")', true],
  ['context.Request.Url.Host', 'api.example.com'],
  ['context.Request.Url.Path', '/openai/deployments/gpt-4o/chat/completions'],
  ['context.Request.Url.Scheme', 'https'],
  ['context.Request.Url.Port', 443],
  ['context.Request.Url.Query.GetValueOrDefault("api-version")', '2024-02-01'],
  ['context.Request.Url.Query.GetValueOrDefault("x")', '1,2'],
  ['context.Request.Url.Query.GetValueOrDefault("version") == "2013-05"', false],
  ['context.Request.Url.Query.GetValueOrDefault("state", "")', ''],
  ['context.Request.Url.QueryString', '?api-version=2024-02-01&x=1&x=2'],
  ['context.Request.Url.ToString()', 'https://api.example.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-02-01&x=1&x=2'],
  ['context.Request.OriginalUrl.Host', 'localhost'],
  ['context.Request.IpAddress', '10.0.0.7'],
  ['context.Request.MatchedParameters["deployment-id"]', 'gpt-4o'],
  ['context.Request.Body.As<string>(preserveContent: true).Contains("gpt-4o")', true],
  ['context.Request.Body.As<string>(true).Length', 94],
  ['context.Request.Body.As<byte[]>(true).Length', 94],
  ['{ var a = context.Request.Body.As<string>(); return context.Request.Body.As<string>(); }', { throws: 'InvalidOperationException' }],
  ['{ var a = context.Request.Body.As<string>(preserveContent: true); return context.Request.Body.As<string>().Length == a.Length; }', true],
  ['(string)context.Request.Body.As<JObject>(preserveContent: true)["model"]', 'gpt-4o'],
  ['context.Request.Body.As<JObject>(true)["max_tokens"].Value<int>() / 3', 33],
];

const response: Row[] = [
  ['context.Response.StatusCode', 503],
  ['context.Response.StatusReason', 'Service Unavailable'],
  ['context.Response.StatusCode == 429 || context.Response.StatusCode == 503', true],
  ['context.Response != null && (context.Response.StatusCode == 429 || context.Response.StatusCode >= 500)', true],
  ['context.Response.Headers.GetValueOrDefault("cache-control", "")', 'public, max-age=3600'],
  ['context.Response.Body == null', true],
];

const scopes: Row[] = [
  ['context.Api.Id', 'openai'],
  ['context.Api.Name', 'Azure OpenAI'],
  ['context.Api.Path', 'openai'],
  ['context.Operation.Id', 'chat'],
  ['context.Operation.Method', 'POST'],
  ['context.Operation.UrlTemplate', '/deployments/{deployment-id}/chat/completions'],
  ['context.Subscription.Id', 'sub-1'],
  ['context.Subscription.Key', 'k1'],
  ['string.IsNullOrEmpty(context.Subscription.Name) ? context.Subscription.Id : context.Subscription.Name', 'Starter'],
  ['context.User.Email', 'a@example.com'],
  ['context.User.Groups.Any(g => g.Name == "Developers")', true],
  ['context.User.Groups.Select(g => g.Id).First()', 'g1'],
  ['context.Product.Name', 'Starter'],
  ['context.Deployment.GatewayId', 'managed'],
  ['context.Deployment.Gateway.IsManaged', true],
  ['context.Deployment.Region', 'local'],
  ['context.Tracing', false],
  ['context.LastError == null', true],
  ['context.LastError?.Message ?? "none"', 'none'],
  ['context.LastError.Message', { throws: 'NullReferenceException' }],
  ['{ context.Trace("hello"); return 1; }', 1],
];

const variables: Row[] = [
  ['context.Variables["name"]', 'apimx'],
  ['(string)context.Variables["name"]', 'apimx'],
  ['"Bearer " + (string)context.Variables["name"]', 'Bearer apimx'],
  ['context.Variables.GetValueOrDefault<string>("name")', 'apimx'],
  ['context.Variables.GetValueOrDefault<String>("name") == "apimx"', true],
  ['context.Variables.GetValueOrDefault<int>("count") + 1', 43],
  ['context.Variables.GetValueOrDefault<int>("missing")', 0],
  ['context.Variables.GetValueOrDefault<int>("missing", 7)', 7],
  ['context.Variables.GetValueOrDefault<bool>("flag")', true],
  ['!context.Variables.GetValueOrDefault<bool>("missing")', true],
  ['context.Variables.GetValueOrDefault<string>("count")', { throws: 'InvalidCastException' }],
  ['context.Variables.GetValueOrDefault<long>("count")', { throws: 'InvalidCastException' }],
  ['context.Variables.GetValueOrDefault<int>("ratio")', { throws: 'InvalidCastException' }],
  ['context.Variables.GetValueOrDefault<object>("count")', 42],
  ['context.Variables.GetValueOrDefault("name", "d")', 'apimx'],
  ['context.Variables.GetValueOrDefault("missing", "d")', 'd'],
  ['(string)context.Variables.GetValueOrDefault("missing", "")', ''],
  ['context.Variables.ContainsKey("flag")', true],
  ['context.Variables.TryGetValue("count", out var v) ? v : null', 42],
  ['context.Variables["missing"]', { throws: 'KeyNotFoundException' }],
  ['context.Variables.GetValueOrDefault<string>("nothing") == null', true],
  ['context.Variables.GetValueOrDefault<double>("ratio") * 2', 1],
  ['context.Variables.GetValueOrDefault<string>("empty") == ""', true],
  ['((IResponse)context.Variables["response"]).StatusCode', 429],
  ['((IResponse)context.Variables["response"]).Headers.GetValueOrDefault("retry-after", "0")', '10'],
  ['((IResponse)context.Variables["response"]).Body.As<JObject>()["error"].ToString()', 'busy'],
  ['(IResponse)context.Variables["name"]', { throws: 'InvalidCastException' }],
  ['(string)context.Variables["count"]', { throws: 'InvalidCastException' }],
  ['context.Variables.GetValueOrDefault<IResponse>("response").StatusCode', 429],
  ['context.Variables.Count', 8],
];

describe('context.Request', () => table(request));
describe('context.Response', () => table(response));
describe('context scopes (Api, Operation, Subscription, User, Product, Deployment, LastError, Trace)', () => table(scopes));
describe('context.Variables', () => table(variables));

describe('context behaviour', () => {
  it('Trace writes to the request trace', () => {
    const ctx = makeContext();
    run('{ context.Trace("hello " + 1); return true; }', ctx);
    expect(ctx.traces).toEqual([{ source: 'context.Trace', severity: 'verbose', message: 'hello 1' }]);
  });

  it('a void call cannot be the value of @( )', () => {
    expect(() => compileExpression(source('context.Trace("x")'))).toThrow(/has no value/);
  });

  it('AsFormUrlEncodedContent gives the form fields', () => {
    const ctx = new ProxyContext({ Request: new RequestModel({ Body: new MessageBody('a=1&b=x+y&a=2') }) });
    expect(run('context.Request.Body.AsFormUrlEncodedContent(true)["b"][0]', ctx)).toBe('x y');
    expect(run('context.Request.Body.AsFormUrlEncodedContent(preserveContent: true)["a"].Count', ctx)).toBe(2);
  });

  it('Request.Body is null without a body', () => {
    expect(run('context.Request.Body == null', new ProxyContext())).toBe(true);
    expect(() => run('context.Request.Body.As<string>()', new ProxyContext())).toThrow(ExpressionEvaluationError);
  });

  it('Variables keep the C# type set-variable stored (resultType of the expression)', () => {
    const e = compileExpression(source('1 + 2'));
    expect(e.resultType).toBe('int');
    const vars = new VariableDictionary();
    vars.set('sum', e.evaluate(new ProxyContext()), e.resultType);
    const ctx = new ProxyContext({ Variables: vars });
    expect(run('context.Variables.GetValueOrDefault<int>("sum")', ctx)).toBe(3);
    expect(() => run('context.Variables.GetValueOrDefault<double>("sum")', ctx)).toThrow(/Unable to cast/);
  });

  it('result types of common expressions', () => {
    const t = (c: string) => compileExpression(source(c)).resultType;
    expect(t('context.Request.Headers.GetValueOrDefault("a", "b")')).toBe('string');
    expect(t('context.Response.StatusCode == 200')).toBe('bool');
    expect(t('7.0 / 2')).toBe('double');
    expect(t('context.Request.Body.As<JObject>()')).toBe('JObject');
    expect(t('{ if (true) { return "a"; } return null; }')).toBe('string');
    expect(t('{ if (true) { return 1; } return 2.5; }')).toBe('double');
    expect(t('context.Variables["x"]')).toBe('object');
  });
});

describe('context identity and time', () => {
  it('RequestId is a Guid, the same on every read of one request', () => {
    const ctx = makeContext();
    const a = run('context.RequestId.ToString()', ctx);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(run('context.RequestId.ToString()', ctx)).toBe(a);
    expect(run('context.RequestId.ToString()', makeContext())).not.toBe(a);
  });

  it('Timestamp is a UTC DateTime and Elapsed a non-negative TimeSpan', () => {
    const ctx = makeContext();
    expect(run('context.Timestamp.Kind == DateTimeKind.Utc', ctx)).toBe(true);
    expect(run('context.Elapsed.TotalMilliseconds >= 0', ctx)).toBe(true);
    expect(run('context.Timestamp.Year >= 2024', ctx)).toBe(true);
  });
});
