// Test helpers: ExpressionSource values built from code, a context built from the context classes.
import type { ExpressionSource } from '../../src/source.ts';
import {
  compileExpression, ProxyContext, RequestModel, ResponseModel, HeaderDictionary, MessageBody, Url, ApiInfo,
  OperationInfo, SubscriptionInfo, UserInfo, GroupInfo, ProductInfo, VariableDictionary, StringValuesDictionary,
} from '../../src/expressions/index.ts';
import type { EvalLimits } from '../../src/expressions/index.ts';

/** An ExpressionSource for `code`, as if `@` stood at line 1, column 1 of a file. */
export function source(code: string, form?: 'single' | 'block'): ExpressionSource {
  const f = form ?? (/^\s*\{[\s\S]*\}\s*$/.test(code) ? 'block' : 'single');
  const inner = f === 'block' ? code.trim().slice(1, -1) : code;
  const base = 2;
  return {
    form: f,
    code: inner,
    pos: { line: 1, column: 1 },
    locate(offset: number) {
      const before = inner.slice(0, offset);
      const lines = before.split('\n');
      return lines.length === 1 ? { line: 1, column: base + offset + 1 } : { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
    },
  };
}

export function makeContext(): ProxyContext {
  const req = new RequestModel({
    Method: 'POST',
    Headers: new HeaderDictionary({
      'x-user-id': 'alice',
      Authorization: 'Basic YWxpY2U6c2VjcmV0',
      Accept: ['application/json', 'text/plain'],
      'Content-Type': 'application/json',
    }),
    Url: Url.parse('https://api.example.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-02-01&x=1&x=2'),
    Body: new MessageBody('{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}],"stream":false,"max_tokens":100}'),
    IpAddress: '10.0.0.7',
    MatchedParameters: new StringValuesDictionary({ 'deployment-id': 'gpt-4o' }, false),
  });
  const variables = new VariableDictionary();
  variables.set('name', 'apimx', 'string');
  variables.set('count', 42, 'int');
  variables.set('ratio', 0.5, 'double');
  variables.set('flag', true, 'bool');
  variables.set('empty', '', 'string');
  variables.set('maxAge', '120', 'string');
  variables.set('nothing', null, 'string');
  variables.set('response', new ResponseModel({ StatusCode: 429, Headers: new HeaderDictionary({ 'Retry-After': '10' }), Body: new MessageBody('{"error":"busy"}') }), 'IResponse');
  return new ProxyContext({
    Request: req,
    Response: new ResponseModel({ StatusCode: 503, StatusReason: 'Service Unavailable', Headers: new HeaderDictionary({ 'Cache-Control': 'public, max-age=3600' }) }),
    Api: new ApiInfo({ Id: 'openai', Name: 'Azure OpenAI', Path: 'openai' }),
    Operation: new OperationInfo({ Id: 'chat', Method: 'POST', Name: 'Chat', UrlTemplate: '/deployments/{deployment-id}/chat/completions' }),
    Subscription: new SubscriptionInfo({ Id: 'sub-1', Key: 'k1', Name: 'Starter' }),
    User: new UserInfo({ Id: 'u1', Email: 'a@example.com', Groups: [new GroupInfo({ Id: 'g1', Name: 'Developers' })] }),
    Product: new ProductInfo({ Id: 'starter', Name: 'Starter' }),
    Variables: variables,
  });
}

/** Compiles and evaluates `code` against a fresh context (or the given one). */
export function run(code: string, ctx: ProxyContext = makeContext(), limits?: EvalLimits): unknown {
  return compileExpression(source(code)).evaluate(ctx, limits);
}
