// The request context makes the request id, Timestamp, Deployment and the URLs on first read (the per-request
// path is cheaper for it): what expressions and forward-request see must be exactly what eager building gave.
import { fromUnixMs, KIND_UTC, ProxyContext, RequestModel, ResponseModel, Url } from '@apimx/parser';
import { describe, expect, it } from 'vitest';
import { ContextRequest, ContextResponse } from '../../src/context/request-context.ts';
import { canonicalUrlText } from '../../src/context/url-text.ts';
import { readBody } from '../../src/http/read-body.ts';
import { backendOf, policies, routing, upstream } from '../policies/routing/support.ts';

/** An upstream that answers with the path and query it was asked for. */
async function echoUrl() {
  return upstream((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(req.url);
  });
}

describe('the request context is the expression model it replaces', () => {
  it('has every member a ProxyContext and a RequestModel have, and passes their instanceof tests', async () => {
    const { run } = routing(policies('<return-response />', ''));
    const { ctx } = await run();
    expect(ctx).toBeInstanceOf(ProxyContext);
    expect(ctx.Request).toBeInstanceOf(RequestModel);
    expect(ctx.Request).toBeInstanceOf(ContextRequest);
    for (const name of Object.keys(new ProxyContext())) expect(name in ctx, `context.${name}`).toBe(true);
    for (const name of Object.keys(new RequestModel())) expect(name in ctx.Request, `context.Request.${name}`).toBe(true);
    const response = new ContextResponse();
    expect(response).toBeInstanceOf(ResponseModel);
    for (const name of Object.keys(new ResponseModel())) expect(name in response, `context.Response.${name}`).toBe(true);
    expect(response.Headers.size).toBe(0);
  });

  it('context.Request.MatchedParameters and the backend response headers reach expressions', async () => {
    const server = await upstream((_req, res) => {
      res.writeHead(200, { 'x-up': 'yes' });
      res.end('ok');
    });
    const { run } = routing(
      policies('<set-variable name="id" value="@(context.Request.MatchedParameters[&quot;id&quot;])" />', '<forward-request />', '<set-variable name="up" value="@(context.Response.Headers.GetValueOrDefault(&quot;x-up&quot;, &quot;&quot;))" />'),
    );
    const { ctx } = await run({}, { ...backendOf(server), matchedParameters: new Map([['id', '42']]) });
    expect(ctx.Variables.get('id')).toBe('42');
    expect(ctx.Variables.get('up')).toBe('yes');
  });
});

describe('lazily parsed URLs', () => {
  it('forward-request sends the same text Url.parse(...).toString() gives, untouched URL', () => {
    for (const text of [
      'http://h:80/a/b?x=1&y=2',
      'https://h:443/a%2Fb/c%20d?q=a%20b&empty=&flag',
      'http://[::1]:8080/%E2%82%AC/x?a=1&a=2',
    ]) {
      expect(canonicalUrlText(text)).toBe(Url.parse(text).toString());
      expect(canonicalUrlText(text)).toBe(Url.parse(text).toString()); // the memoised answer is the same
    }
  });

  it('a pass-through request reaches the backend URL (service URL + operation path + query)', async () => {
    const server = await echoUrl();
    const { run } = routing(policies(''));
    const { response } = await run({ url: 'https://apimx.local/api/op?api-version=1' }, backendOf(server, '/op?api-version=1', '/base'));
    expect(Buffer.from(await readBody(response.body)).toString()).toBe('/base/op?api-version=1');
  });

  it('rewrite-uri and set-query-parameter still reach the wire after the lazy parse', async () => {
    const server = await echoUrl();
    const { run } = routing(
      policies('<rewrite-uri template="/v2/{id}" /><set-query-parameter name="k" exists-action="override"><value>v w</value></set-query-parameter>'),
    );
    const { response, ctx } = await run(
      { url: 'https://apimx.local/api/things/7?a=1' },
      { ...backendOf(server, '/things/7?a=1', '/svc'), matchedParameters: new Map([['id', '7']]) },
    );
    expect(Buffer.from(await readBody(response.body)).toString()).toBe('/svc/v2/7?a=1&k=v%20w');
    // OriginalUrl keeps what the client sent; Url and its text agree.
    expect(ctx.Request.OriginalUrl.Path).toBe('/api/things/7');
    expect(ctx.Request.urlText()).toBe(ctx.Request.Url.toString());
    expect(ctx.Request.urlText()).toBe(`${server.url}/svc/v2/7?a=1&k=v%20w`);
  });

  it('an expression reading context.Request.Url before forward-request sees the backend URL', async () => {
    const server = await echoUrl();
    const { run } = routing(policies('<set-header name="x-url" exists-action="override"><value>@(context.Request.Url.Path + "|" + context.Request.OriginalUrl.Path)</value></set-header>'));
    const { ctx } = await run({ url: 'https://apimx.local/api/op' }, backendOf(server, '/op', '/base'));
    expect(ctx.Request.Headers.first('x-url')).toBe('/base/op|/api/op');
  });
});

describe('request id, Timestamp, Deployment on first read', () => {
  it('context.RequestId (a Guid) and the request id text are one id, whichever is read first', async () => {
    const { run } = routing(policies('<set-variable name="id" value="@(context.RequestId.ToString())" /><return-response />', ''));
    const first = await run();
    expect(first.ctx.Variables.get('id')).toBe(first.ctx.requestId);
    const second = await run();
    const text = second.ctx.requestId;
    expect(text).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(second.ctx.requestId).toBe(text);
    expect(first.ctx.requestId).not.toBe(text);
  });

  it('context.Timestamp is when the request arrived, however late it is read', async () => {
    const { run, clock } = routing(policies('<return-response />', ''));
    const arrival = clock.now();
    const { ctx } = await run();
    clock.advance(5_000);
    expect(ctx.receivedAt).toBe(arrival);
    expect(ctx.Timestamp).toEqual(fromUnixMs(arrival, KIND_UTC));
    const { run: runRead } = routing(policies('<set-variable name="t" value="@(context.Timestamp.ToString(&quot;o&quot;))" /><return-response />', ''));
    expect((await runRead()).ctx.Variables.get('t')).toBe('2026-01-01T00:00:00.0000000Z');
  });

  it('context.Deployment follows the services (a reload replaces them whole)', async () => {
    const routed = routing(policies('<set-variable name="r" value="@(context.Deployment.Region + "/" + context.Deployment.ServiceName)" /><return-response />', ''));
    routed.services.deployment = { region: 'West Europe', serviceName: 'one', gatewayId: 'managed' };
    expect((await routed.run()).ctx.Variables.get('r')).toBe('West Europe/one');
    routed.services.deployment = { region: 'East US', serviceName: 'two', gatewayId: 'managed' };
    expect((await routed.run()).ctx.Variables.get('r')).toBe('East US/two');
  });
});
