import type http from 'node:http';
import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { backendOf, policies, routing, upstream } from './support.ts';

function echo(seen: http.IncomingMessage[]): http.RequestListener {
  return (req, res) => {
    seen.push(req);
    res.end(req.url);
  };
}

describe('set-backend-service', () => {
  it('T12 set-backend-service: base-url swaps the API backend base and keeps the operation path and the whole query', async () => {
    const seen: http.IncomingMessage[] = [];
    const server = await upstream(echo(seen));
    const r = routing(policies(`<set-backend-service base-url="${server.url}/api/8.2/" />`));
    const routed = await r.run(
      { url: 'https://contoso.azure-api.net/api/partners/15?version=2013-05&subscription-key=abcdef' },
      { serviceUrl: `${server.url}/api/10.4/`, backendUrl: `${server.url}/api/10.4/partners/15?version=2013-05&subscription-key=abcdef` },
    );
    expect(await routed.text()).toBe('/api/8.2/partners/15?version=2013-05&subscription-key=abcdef');
    expect(routed.ctx.Request.Url.toString()).toBe(`${server.url}/api/8.2/partners/15?version=2013-05&subscription-key=abcdef`);
    // Without the policy the API's backend URL is used (T12's "any other version").
    const plain = routing(policies(''));
    const other = await plain.run({}, { serviceUrl: `${server.url}/api/10.4/`, backendUrl: `${server.url}/api/10.4/partners/15?version=2015-01` });
    expect(await other.text()).toBe('/api/10.4/partners/15?version=2015-01');
  });

  it('backend-id routes to the backend entity url and adds its header, query and authorization credentials on the wire', async () => {
    const seen: http.IncomingMessage[] = [];
    const server = await upstream(echo(seen));
    const r = routing(policies('<set-backend-service backend-id="openai-backend" />'), {
      'openai-backend': {
        url: `${server.url}/openai`,
        protocol: 'http',
        credentials: {
          header: { 'api-key': ['secret-key'] },
          query: { code: ['fn-key'] },
          authorization: { scheme: 'Bearer', parameter: 'token-1' },
        },
      },
    });
    const routed = await r.run(
      { url: 'https://apimx.local/ai/chat?x=1', headers: { 'api-key': 'client-key' } },
      { serviceUrl: 'https://elsewhere.example/ai', backendUrl: 'https://elsewhere.example/ai/chat?x=1' },
    );
    expect(routed.response.status).toBe(200);
    expect(await routed.text()).toBe('/openai/chat?x=1&code=fn-key');
    expect(seen[0]!.headers['api-key']).toBe('secret-key');
    expect(seen[0]!.headers.authorization).toBe('Bearer token-1');
    // Credentials go on the wire only: policies keep seeing the client's request.
    expect(routed.ctx.Request.Headers.first('api-key')).toBe('client-key');
    expect(routed.ctx.backend.backendId).toBe('openai-backend');
  });

  it('T38 set-backend-service: a backend carrying an api-key header credential authenticates the call', async () => {
    const seen: http.IncomingMessage[] = [];
    const server = await upstream(echo(seen));
    const r = routing(policies('<set-backend-service backend-id="openai-backend" />'), {
      'openai-backend': { properties: { url: server.url, protocol: 'http', credentials: { header: { 'api-key': ['aoai-key'] } } } },
    });
    await (await r.run({}, { serviceUrl: 'https://x.example', backendUrl: 'https://x.example/openai/deployments/gpt/chat/completions' })).text();
    expect(seen[0]!.url).toBe('/openai/deployments/gpt/chat/completions');
    expect(seen[0]!.headers['api-key']).toBe('aoai-key');
  });

  it('an unknown backend-id (a deployment placeholder) is a 500 fault at request time that names the id and the configured ones', async () => {
    const r = routing(policies('<set-backend-service backend-id="{backend-id}" />'), { 'openai-1': { url: 'http://127.0.0.1:1' } });
    const routed = await r.run();
    expect(routed.response.status).toBe(500);
    expect(JSON.parse(await routed.text())).toMatchObject({ statusCode: 500, message: 'Internal server error', activityId: routed.ctx.requestId });
    expect(routed.ctx.LastError).toMatchObject({
      Source: 'set-backend-service',
      Reason: 'BackendNotFound',
      Message: "Backend with id '{backend-id}' could not be found (configured backends: openai-1).",
      Section: 'inbound',
      Path: 'set-backend-service[1]',
    });
  });

  it('a pool without members is refused clearly', async () => {
    const r = routing(policies('<set-backend-service backend-id="pool" />'), { pool: { type: 'Pool', pool: { services: [] } } });
    const routed = await r.run();
    expect(routed.response.status).toBe(500);
    expect(routed.ctx.LastError?.Reason).toBe('BackendInvalid');
    expect(routed.ctx.LastError?.Message).toBe("Backend 'pool' is not valid: pool.pool.services: pool.services must list at least one backend");
  });

  it('a base-url that is not an absolute http(s) URL is a fault', async () => {
    const routed = await routing(policies('<set-backend-service base-url="ftp://files.example" />')).run();
    expect(routed.response.status).toBe(500);
    expect(routed.ctx.LastError?.Message).toBe("set-backend-service: base URL 'ftp://files.example' is not http or https");
  });

  it('refuses Service Fabric and Dapr attributes at load time, at the attribute', () => {
    expect(() => harness('<policies>\n<inbound>\n<set-backend-service backend-id="svc" sf-resolve-condition="false" />\n</inbound>\n</policies>')).toThrow(
      /operation\.xml:3:\d+: set-backend-service: sf-resolve-condition is not supported \(Service Fabric backends cannot run in apimx\)/,
    );
    expect(() => harness('<policies><inbound><set-backend-service backend-id="svc" dapr-app-id="app" /></inbound></policies>')).toThrow(
      /dapr-app-id is not supported \(Dapr backends/,
    );
  });

  it('is usable in the backend section and takes the last one written', async () => {
    const seen: http.IncomingMessage[] = [];
    const first = await upstream(echo(seen));
    const second = await upstream(echo(seen));
    const r = routing(policies(`<set-backend-service base-url="${first.url}" />`, `<set-backend-service base-url="${second.url}/v2" /><forward-request />`));
    const routed = await r.run({}, backendOf(first, '/op'));
    expect(await routed.text()).toBe('/v2/op');
  });
  it('sends and shows the same URL whether or not context.Request.Url was read before it (a URL still held as text is rebased as text)', async () => {
    const seen: http.IncomingMessage[] = [];
    const server = await upstream(echo(seen));
    const request = { url: 'https://apimx.local/api/items/a%20b/%C3%A9?q=1&q=2&x=%2F' };
    const urls = { serviceUrl: 'https://old.example:8443/api', backendUrl: 'https://old.example:8443/api/items/a%20b/%C3%A9?q=1&q=2&x=%2F' };
    const show = '<set-header name="x-url" exists-action="override"><value>@(context.Request.Url.ToString())</value></set-header>';
    const outcomes: string[][] = [];
    for (const before of ['', '<set-variable name="read" value="@(context.Request.Url.Path)" />']) {
      // Twice each: the second request takes the memoised text.
      for (let i = 0; i < 2; i++) {
        const r = routing(policies(`${before}<set-backend-service base-url="${server.url}/v2/" />${show}`));
        const routed = await r.run(request, urls);
        outcomes.push([await routed.text(), String(seen.at(-1)!.headers['x-url']), routed.ctx.Request.urlText()]);
      }
    }
    const path = '/v2/items/a%20b/%C3%A9?q=1&q=2&x=%2F';
    expect(outcomes[0]![0]).toBe(path);
    expect(outcomes[0]![1]).toBe(server.url + path);
    expect(outcomes[0]![2]).toBe(server.url + path);
    for (const outcome of outcomes) expect(outcome).toEqual(outcomes[0]);
  });
});
