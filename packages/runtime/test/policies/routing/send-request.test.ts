import type http from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { ContextResponse } from '../../../src/context/request-context.ts';
import { freePort, gate, readAll } from '../../http/test-server.ts';
import { harness } from '../../support/run-policy.ts';
import { backendOf, policies, routing, upstream } from './support.ts';

interface Seen {
  method?: string;
  url?: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

async function recorder(answer: (seen: Seen, res: http.ServerResponse) => void = (_s, res) => res.end('{"ok":true}')) {
  const seen: Seen[] = [];
  const server = await upstream(async (req, res) => {
    const entry = { method: req.method, url: req.url, headers: req.headers, body: (await readAll(req)).toString() };
    seen.push(entry);
    answer(entry, res);
  });
  return { server, seen };
}

function sendRequest(attributes: string, children: string): string {
  return policies(`<send-request ${attributes}>${children}</send-request>`, '');
}

describe('send-request', () => {
  it('mode="new" sends set-url, set-method, set-header and set-body, and stores the answer as an IResponse variable', async () => {
    const { server, seen } = await recorder((_s, res) => {
      res.writeHead(202, 'Accepted', { 'Content-Type': 'application/json', 'X-Answer': '42' });
      res.end('{"active":true}');
    });
    const r = routing(
      sendRequest(
        'mode="new" response-variable-name="reply" timeout="20"',
        `<set-url>${server.url}/introspection?x=1</set-url><set-method>POST</set-method>` +
          '<set-header name="Content-Type" exists-action="override"><value>application/x-www-form-urlencoded</value></set-header>' +
          '<set-header name="X-Multi" exists-action="append"><value>a</value><value>b</value></set-header>' +
          '<set-body>token=abc</set-body>',
      ),
    );
    const routed = await r.run({ headers: { 'X-Client': 'not copied' } });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/introspection?x=1', body: 'token=abc' });
    expect(seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]!.headers['x-multi']).toBe('a, b');
    expect(seen[0]!.headers['x-client']).toBeUndefined();
    const reply = routed.ctx.Variables.get('reply') as ContextResponse;
    expect(routed.ctx.Variables.typeOf('reply')).toBe('IResponse');
    expect(reply).toBeInstanceOf(ContextResponse);
    expect(reply.StatusCode).toBe(202);
    expect(reply.StatusReason).toBe('Accepted');
    expect(reply.Headers.first('x-answer')).toBe('42');
    expect(JSON.parse(Buffer.from(reply.Body!.read(true)).toString())).toEqual({ active: true });
    // The request itself goes on untouched.
    expect(routed.response.status).toBe(200);
  });

  it('T32 send-request: the introspection call (POST, basic Authorization, form body) answers {"active": false} then {"active": true}', async () => {
    const answers = ['{"active": false}', '{"active": true}'];
    const { server, seen } = await recorder((_s, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(answers[seen.length - 1]);
    });
    const r = routing(
      sendRequest(
        'mode="new" response-variable-name="tokenstate" timeout="20" ignore-error="true"',
        `<set-url>${server.url}/introspection</set-url><set-method>POST</set-method>` +
          '<set-header name="Authorization" exists-action="override"><value>basic dXNlcm5hbWU6cGFzc3dvcmQ=</value></set-header>' +
          '<set-header name="Content-Type" exists-action="override"><value>application/x-www-form-urlencoded</value></set-header>' +
          '<set-body>token=abc</set-body>',
      ),
    );
    const first = await r.run({ headers: { Authorization: 'Bearer abc' } });
    const second = await r.run({ headers: { Authorization: 'Bearer abc' } });
    expect(seen.map((s) => [s.method, s.url, s.headers.authorization, s.headers['content-type'], s.body])).toEqual([
      ['POST', '/introspection', 'basic dXNlcm5hbWU6cGFzc3dvcmQ=', 'application/x-www-form-urlencoded', 'token=abc'],
      ['POST', '/introspection', 'basic dXNlcm5hbWU6cGFzc3dvcmQ=', 'application/x-www-form-urlencoded', 'token=abc'],
    ]);
    const active = (routed: typeof first) => JSON.parse(Buffer.from((routed.ctx.Variables.get('tokenstate') as ContextResponse).Body!.read(true)).toString()).active;
    expect(active(first)).toBe(false);
    expect(active(second)).toBe(true);
  });

  it('mode="copy" starts from the current request (method, URL, headers, body) and the children change the copy only', async () => {
    const { server, seen } = await recorder();
    const r = routing(
      sendRequest('mode="copy" response-variable-name="copy"', '<set-header name="X-Extra" exists-action="override"><value>1</value></set-header><set-header name="X-Drop" exists-action="delete" />'),
    );
    const routed = await r.run({ method: 'PUT', headers: { 'X-Client': 'c', 'X-Drop': 'gone' }, body: 'original body' }, backendOf(server, '/copied?q=2'));
    expect(seen[0]).toMatchObject({ method: 'PUT', url: '/copied?q=2', body: 'original body' });
    expect(seen[0]!.headers['x-client']).toBe('c');
    expect(seen[0]!.headers['x-extra']).toBe('1');
    expect(seen[0]!.headers['x-drop']).toBeUndefined();
    expect(routed.ctx.Request.Headers.has('X-Extra')).toBe(false);
    expect(routed.ctx.Request.Headers.first('X-Drop')).toBe('gone');
  });

  it('mode="copy" in outbound does not copy the request body (spec §3.10)', async () => {
    const { server, seen } = await recorder();
    const backend = await upstream((_req, res) => res.end('backend'));
    const r = routing(policies('', '<forward-request buffer-request-body="true" />', `<send-request mode="copy" response-variable-name="v"><set-url>${server.url}/audit</set-url></send-request>`));
    const routed = await r.run({ method: 'POST', body: 'request body' }, backendOf(backend));
    expect(await routed.text()).toBe('backend');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/audit', body: '' });
  });

  it('set-header exists-action="skip" keeps a copied header; authentication-basic sets Basic credentials on the call', async () => {
    const { server, seen } = await recorder();
    const r = routing(
      sendRequest(
        'mode="copy" response-variable-name="v"',
        '<set-header name="X-Client" exists-action="skip"><value>replaced</value></set-header><authentication-basic username="user" password="p@ss" />',
      ),
    );
    await r.run({ headers: { 'X-Client': 'kept' } }, backendOf(server));
    expect(seen[0]!.headers['x-client']).toBe('kept');
    expect(seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from('user:p@ss').toString('base64')}`);
  });

  it('a failed call is a fault from send-request (BackendConnectionFailure, 500) unless ignore-error, which leaves the variable null', async () => {
    const port = await freePort();
    const failing = await routing(sendRequest('response-variable-name="v"', `<set-url>http://127.0.0.1:${port}/x</set-url>`)).run();
    expect(failing.response.status).toBe(500);
    expect(failing.ctx.LastError).toMatchObject({ Source: 'send-request', Reason: 'BackendConnectionFailure', Section: 'inbound', Path: 'send-request[1]' });

    const ignored = await routing(sendRequest('response-variable-name="v" ignore-error="true"', `<set-url>http://127.0.0.1:${port}/x</set-url>`)).run();
    expect(ignored.response.status).toBe(200);
    expect(ignored.ctx.LastError).toBeNull();
    expect(ignored.ctx.Variables.has('v')).toBe(true);
    expect(ignored.ctx.Variables.get('v')).toBeNull();
    expect(ignored.ctx.Variables.typeOf('v')).toBe('IResponse');
  });

  it('timeout (seconds) bounds the wait for the answer: Reason Timeout', async () => {
    const { server } = await recorder(() => {
      /* never answers */
    });
    const routed = await routing(sendRequest('response-variable-name="v" timeout="1"', `<set-url>${server.url}/slow</set-url>`)).run();
    expect(routed.ctx.LastError).toMatchObject({ Source: 'send-request', Reason: 'Timeout' });
    expect(routed.ctx.LastError?.Message).toContain('1000 ms');
  });

  it('T16 retry: around send-request with ignore-error, a failing call is retried (first retry immediate, then interval apart)', async () => {
    let calls = 0;
    const server = await upstream((req, res) => {
      calls++;
      req.socket.destroy(); // every call fails at the connection
    });
    const r = routing(
      policies(
        '<retry condition="true" count="3" interval="1" first-fast-retry="true">' +
          `<send-request mode="new" response-variable-name="response" timeout="3" ignore-error="true"><set-url>${server.url}/products/5</set-url><set-method>GET</set-method></send-request>` +
          '</retry>',
        '',
      ),
    );
    const routed = await r.run();
    expect(calls).toBe(4);
    expect(r.waits).toEqual([0, 1000, 1000]);
    expect(routed.ctx.Variables.get('response')).toBeNull();
    expect(routed.response.status).toBe(200);
  });

  it('authentication-managed-identity inside sets a Bearer token from the identity service on the call and in its variable', async () => {
    const { server, seen } = await recorder();
    const mi = '<authentication-managed-identity resource="https://cognitiveservices.azure.com" client-id="uami-1" output-token-variable-name="tok" />';
    const r = routing(sendRequest('response-variable-name="v"', `<set-url>${server.url}/x</set-url>${mi}`));
    const asked: [string, string | undefined][] = [];
    Object.assign(r.services, {
      identity: {
        getToken: (resource: string, clientId: string | undefined) => {
          asked.push([resource, clientId]);
          return Promise.resolve({ token: `token-for-${clientId}`, expiresOn: 0 });
        },
      },
    });
    const routed = await r.run({ headers: { Authorization: 'Bearer client' } });
    expect(asked).toEqual([['https://cognitiveservices.azure.com', 'uami-1']]);
    expect(seen[0]!.headers.authorization).toBe('Bearer token-for-uami-1');
    expect(routed.ctx.Variables.get('tok')).toBe('token-for-uami-1');
    expect(routed.ctx.Request.Headers.first('Authorization')).toBe('Bearer client');
  });

  it('authentication-managed-identity without an identity fails the call, unless its ignore-error lets it go without a token', async () => {
    const { server, seen } = await recorder();
    const doc = (ignore: string) => sendRequest('response-variable-name="v"', `<set-url>${server.url}/x</set-url><authentication-managed-identity resource="https://r.example" ignore-error="${ignore}" />`);
    const failing = routing(doc('false'));
    Object.assign(failing.services, { identity: undefined });
    const failed = await failing.run();
    expect(failed.response.status).toBe(500);
    expect(failed.ctx.LastError).toMatchObject({ Source: 'send-request', Message: 'authentication-managed-identity: no managed identity is configured' });
    expect(seen).toHaveLength(0);
    const lenient = routing(doc('true'));
    Object.assign(lenient.services, { identity: undefined });
    expect((await lenient.run()).response.status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it('refuses at load what it cannot do: proxy, authentication-certificate, liquid set-body', () => {
    const load = (children: string) => () => harness(sendRequest('response-variable-name="v"', `<set-url>http://x.example</set-url>${children}`));
    expect(load('<proxy url="http://proxy.example" />')).toThrow(/operation\.xml:1:\d+: proxy is not supported: apimx does not route calls through an HTTP proxy/);
    expect(load('<authentication-certificate thumbprint="abc" />')).toThrow(/authentication-certificate is not supported/);
    expect(load('<set-body template="liquid">Hello</set-body>')).toThrow(/set-body template="liquid" is not supported inside send-request/);
  });
});

describe('send-one-way-request', () => {
  it('sends the request and lets the pipeline go on without waiting for the answer', async () => {
    const arrived = gate<Seen>();
    const release = gate();
    const server = await upstream(async (req, res) => {
      arrived.open({ method: req.method, url: req.url, headers: req.headers, body: (await readAll(req)).toString() });
      await release.promise;
      res.end('late');
    });
    const r = routing(
      policies(
        `<send-one-way-request mode="new"><set-url>${server.url}/hook</set-url><set-method>POST</set-method><set-header name="X-Event" exists-action="override"><value>e1</value></set-header><set-body>{"event":1}</set-body></send-one-way-request>`,
        '',
      ),
    );
    // The pipeline finishes while the upstream still holds its answer.
    const routed = await r.run();
    expect(routed.response.status).toBe(200);
    const seen = await arrived.promise;
    expect(seen).toMatchObject({ method: 'POST', url: '/hook', body: '{"event":1}' });
    expect(seen.headers['x-event']).toBe('e1');
    release.open();
  });

  it('never fails the request: a refused connection is only traced', async () => {
    const port = await freePort();
    const r = routing(policies(`<send-one-way-request><set-url>http://127.0.0.1:${port}/hook</set-url></send-one-way-request>`, ''));
    const routed = await r.run();
    expect(routed.response.status).toBe(200);
    expect(routed.ctx.LastError).toBeNull();
    await vi.waitFor(() => expect(routed.ctx.traces).toHaveLength(1));
    expect(routed.ctx.traces[0]).toMatchObject({ source: 'send-one-way-request', severity: 'error' });
    expect(routed.ctx.traces[0]!.message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/hook failed: .*ECONNREFUSED`));
  });

  it('an unusable URL is traced, not thrown', async () => {
    const routed = await routing(policies('<send-one-way-request><set-url>not a url</set-url></send-one-way-request>', '')).run();
    expect(routed.response.status).toBe(200);
    await vi.waitFor(() => expect(routed.ctx.traces).toHaveLength(1));
    expect(routed.ctx.traces[0]!.message).toContain('invalid backend URL: not a url');
  });

  it('mode="copy" sends a copy of the current request (method, URL, headers, body); the children change the copy only', async () => {
    const arrived = gate<Seen>();
    const server = await upstream(async (req, res) => {
      arrived.open({ method: req.method, url: req.url, headers: req.headers, body: (await readAll(req)).toString() });
      res.end();
    });
    const r = routing(
      policies(
        '<send-one-way-request mode="copy"><set-header name="X-Copy" exists-action="override"><value>yes</value></set-header></send-one-way-request>',
        '',
      ),
    );
    const routed = await r.run({ method: 'PUT', url: 'https://apimx.local/api/items/7?x=1', headers: { 'X-Client': 'c1' }, body: '{"item":7}' }, backendOf(server, '/items/7?x=1'));
    expect(routed.response.status).toBe(200);
    const seen = await arrived.promise;
    expect(seen).toMatchObject({ method: 'PUT', url: '/items/7?x=1', body: '{"item":7}' });
    expect(seen.headers['x-client']).toBe('c1');
    expect(seen.headers['x-copy']).toBe('yes');
    // The pipeline's own request is untouched.
    expect(routed.ctx.Request.Headers.has('X-Copy')).toBe(false);
  });

  it('timeout (seconds) bounds the wait for the answer; running out is traced, never a failure of the request', async () => {
    const server = await upstream(() => {
      /* never answers */
    });
    const routed = await routing(policies(`<send-one-way-request timeout="1"><set-url>${server.url}/slow</set-url></send-one-way-request>`, '')).run();
    expect(routed.response.status).toBe(200);
    await vi.waitFor(() => expect(routed.ctx.traces).toHaveLength(1), { timeout: 5_000 });
    expect(routed.ctx.traces[0]).toMatchObject({ source: 'send-one-way-request', severity: 'error' });
    expect(routed.ctx.traces[0]!.message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/slow failed: the backend did not answer within 1000 ms/);
  });
});

