// CORS preflights through the router over a real socket (spec §3.11 cors, T36; routing/preflight.ts): APIs with no
// OPTIONS operation (the built-in Azure OpenAI and OpenAI v1 operation sets) still get their preflights answered
// by the cors policy at global, API or (key in the query) product scope, without the subscription key a browser
// never sends on a preflight; an OPTIONS that is not a preflight keeps the 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

// The cors policy of the docs' example (T36).
const T36 = `<cors allow-credentials="true">
  <allowed-origins><origin>http://localhost:8080/</origin><origin>http://example.com/</origin></allowed-origins>
  <allowed-methods preflight-result-max-age="300"><method>GET</method><method>POST</method><method>PATCH</method><method>DELETE</method></allowed-methods>
  <allowed-headers><header>x-zumo-installation-id</header><header>x-zumo-application</header><header>x-zumo-version</header><header>x-zumo-auth</header><header>content-type</header><header>accept</header></allowed-headers>
  <expose-headers><header>x-zumo-installation-id</header><header>x-zumo-application</header></expose-headers>
</cors>`;

// What a web chat client at https://chat.example needs.
const CHAT_CORS = `<cors>
  <allowed-origins><origin>https://chat.example</origin></allowed-origins>
  <allowed-methods><method>GET</method><method>POST</method></allowed-methods>
  <allowed-headers><header>content-type</header><header>authorization</header><header>api-key</header></allowed-headers>
</cors>`;

const AOAI_CHAT = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';

/** The requests that reached the backend, as "METHOD path". */
let seen: string[] = [];

let upstream: Upstream;

beforeAll(async () => {
  upstream = await startUpstream((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});

afterAll(async () => {
  await upstream.close();
});

function preflight(gateway: RunningGateway, path: string, origin: string | null, method: string | null, headers?: string): Promise<Response> {
  const sent: Record<string, string> = {};
  if (origin !== null) sent['Origin'] = origin;
  if (method !== null) sent['Access-Control-Request-Method'] = method;
  if (headers !== undefined) sent['Access-Control-Request-Headers'] = headers;
  return fetch(`${gateway.url}${path}`, { method: 'OPTIONS', headers: sent });
}

describe('cors at global scope, Azure OpenAI operations (key required, in the api-key header)', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  aoai:
    path: openai
    serviceUrl: "${upstream.url}/openai"
    subscriptionKeyParameterNames: { header: api-key, query: api-key }
    operations: azure-openai
subscriptions:
  all-apis: { scope: /apis, primaryKey: master-key }
policy: global.xml
`,
      'global.xml': policies({ inbound: T36, backend: '<forward-request />' }),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('T36: a preflight for an operation of the set, without a key, is answered by cors: 200 with the CORS headers', async () => {
    seen = [];
    const reply = await preflight(gateway, AOAI_CHAT, 'http://localhost:8080', 'POST', 'content-type');
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(reply.headers.get('access-control-allow-credentials')).toBe('true');
    expect(reply.headers.get('access-control-allow-methods')).toBe('POST');
    expect(reply.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(reply.headers.get('access-control-max-age')).toBe('300');
    expect(await reply.text()).toBe('');
    // GET and DELETE operations of the set, matched by the method the preflight asks about.
    for (const [method, path] of [['GET', '/openai/assistants?api-version=2024-10-21'], ['DELETE', '/openai/assistants/asst_1?api-version=2024-10-21']]) {
      const other = await preflight(gateway, path!, 'http://example.com', method!);
      expect(other.status).toBe(200);
      expect(other.headers.get('access-control-allow-methods')).toBe(method);
    }
    expect(seen).toEqual([]);
  });

  it('T36: the actual request that follows, with its key, reaches the backend and gets Access-Control-Allow-Origin', async () => {
    seen = [];
    const reply = await fetch(`${gateway.url}${AOAI_CHAT}`, {
      method: 'POST',
      headers: { Origin: 'http://localhost:8080', 'api-key': 'master-key', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
    expect(reply.headers.get('access-control-expose-headers')).toBe('x-zumo-installation-id,x-zumo-application');
    expect(seen).toEqual([`POST ${AOAI_CHAT}`]);
  });

  it('T36: a preflight the policy does not allow (origin, or a header such as api-key) gets an empty 200 without CORS headers', async () => {
    seen = [];
    for (const reply of [
      await preflight(gateway, AOAI_CHAT, 'http://evil.example', 'POST', 'content-type'),
      await preflight(gateway, AOAI_CHAT, 'http://localhost:8080', 'POST', 'content-type,api-key'),
    ]) {
      expect(reply.status).toBe(200);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
      expect(reply.headers.get('access-control-allow-methods')).toBeNull();
      expect(await reply.text()).toBe('');
    }
    expect(seen).toEqual([]);
  });

  it('an OPTIONS without Access-Control-Request-Method or without Origin is not a preflight: 404 Resource not found', async () => {
    for (const reply of [await preflight(gateway, AOAI_CHAT, 'http://localhost:8080', null), await preflight(gateway, AOAI_CHAT, null, 'POST')]) {
      expect(reply.status).toBe(404);
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
      expect(await reply.json()).toEqual({ statusCode: 404, message: 'Resource not found' });
    }
  });

  it('a preflight for a method no operation has on that path: 404 Resource not found', async () => {
    const reply = await preflight(gateway, AOAI_CHAT, 'http://localhost:8080', 'PUT');
    expect(reply.status).toBe(404);
    expect(await reply.json()).toEqual({ statusCode: 404, message: 'Resource not found' });
  });

  it('[INFERRED] a key that is sent with a preflight is checked: an invalid one in the query gets 401', async () => {
    const reply = await preflight(gateway, `${AOAI_CHAT}&api-key=wrong`, 'http://localhost:8080', 'POST');
    expect(reply.status).toBe(401);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('cors at API and product scope; an OPTIONS operation', () => {
  let gateway: RunningGateway;

  beforeAll(async () => {
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  v1: { path: v1, serviceUrl: "${upstream.url}/v1", operations: openai-v1, policy: v1.xml }
  aoai:
    path: openai
    serviceUrl: "${upstream.url}/openai"
    subscriptionKeyParameterNames: { header: api-key, query: api-key }
    operations: azure-openai
  own:
    path: own
    serviceUrl: "${upstream.url}/own"
    operations: [ { id: preflight, method: OPTIONS, urlTemplate: /items }, { id: create, method: POST, urlTemplate: /items } ]
    policy: own.xml
    operationPolicies: { preflight: own-preflight.xml }
products:
  web: { apis: [aoai], policy: web.xml }
subscriptions:
  web-sub: { scope: /products/web, primaryKey: web-key }
  all-apis: { scope: /apis, primaryKey: master-key }
`,
      'v1.xml': policies({ inbound: `${CHAT_CORS}<base />` }),
      'web.xml': policies({ inbound: `${CHAT_CORS}<base />` }),
      'own.xml': policies({ inbound: `${CHAT_CORS}<base />` }),
      'own-preflight.xml': policies({
        inbound: '<base /><return-response><set-status code="204" /><set-header name="x-own-preflight" exists-action="override"><value>yes</value></set-header></return-response>',
      }),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
  });

  it('OpenAI v1 operations: a preflight without a key is answered by the API-scope cors', async () => {
    seen = [];
    const chat = await preflight(gateway, '/v1/chat/completions', 'https://chat.example', 'POST', 'authorization,content-type');
    expect(chat.status).toBe(200);
    expect(chat.headers.get('access-control-allow-origin')).toBe('https://chat.example');
    expect(chat.headers.get('access-control-allow-methods')).toBe('POST');
    expect(chat.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(chat.headers.get('access-control-allow-credentials')).toBeNull();
    const models = await preflight(gateway, '/v1/models', 'https://chat.example', 'GET', 'authorization');
    expect(models.status).toBe(200);
    expect(models.headers.get('access-control-allow-methods')).toBe('GET');
    expect(seen).toEqual([]);
  });

  it('OpenAI v1 operations: a preflight the policy does not allow gets an empty 200; a plain OPTIONS keeps the 404', async () => {
    const other = await preflight(gateway, '/v1/chat/completions', 'https://other.example', 'POST');
    expect(other.status).toBe(200);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const deleting = await preflight(gateway, '/v1/responses/resp_1', 'https://chat.example', 'DELETE');
    expect(deleting.status).toBe(200);
    expect(deleting.headers.get('access-control-allow-origin')).toBeNull();
    const plain = await preflight(gateway, '/v1/chat/completions', 'https://chat.example', null);
    expect(plain.status).toBe(404);
  });

  it('cors at product scope: a preflight without a key is refused (401, as APIM documents); with the key in the query the product cors answers', async () => {
    seen = [];
    const keyless = await preflight(gateway, AOAI_CHAT, 'https://chat.example', 'POST', 'content-type');
    expect(keyless.status).toBe(401);
    expect(keyless.headers.get('www-authenticate')).toMatch(/^AzureApiManagementKey realm=".*\/openai",name="api-key",type="header"$/);
    expect(keyless.headers.get('access-control-allow-origin')).toBeNull();
    const keyed = await preflight(gateway, `${AOAI_CHAT}&api-key=web-key`, 'https://chat.example', 'POST', 'content-type');
    expect(keyed.status).toBe(200);
    expect(keyed.headers.get('access-control-allow-origin')).toBe('https://chat.example');
    expect(keyed.headers.get('access-control-allow-methods')).toBe('POST');
    expect(seen).toEqual([]);
  });

  it('an OPTIONS operation takes the preflight and runs in full (no preflight logic), so it needs the key', async () => {
    seen = [];
    const keyless = await preflight(gateway, '/own/items', 'https://chat.example', 'POST');
    expect(keyless.status).toBe(401);
    const keyed = await fetch(`${gateway.url}/own/items`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://chat.example', 'Access-Control-Request-Method': 'POST', 'Ocp-Apim-Subscription-Key': 'master-key' },
    });
    expect(keyed.status).toBe(204);
    expect(keyed.headers.get('x-own-preflight')).toBe('yes');
    expect(seen).toEqual([]);
  });
});
