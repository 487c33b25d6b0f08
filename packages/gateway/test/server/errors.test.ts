// APIM's own refusals over a real socket (spec §5.2, §6, T51): every 401 and 404 case with the exact status,
// reason phrase, headers and body; and T30: they go through on-error when one is configured.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

interface Reply {
  status: number;
  reason: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function call(base: string, path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, reason: res.statusMessage!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const MISSING = '{"statusCode":401,"message":"Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API."}';
const INVALID = '{"statusCode":401,"message":"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription."}';
const NOT_FOUND = '{"statusCode":404,"message":"Resource not found"}';

/** The whole answer: status, reason, every header but the connection's own (Date, Connection, Keep-Alive), body. */
function answer(reply: Reply): unknown {
  const { date: _date, connection: _connection, 'keep-alive': _keepAlive, ...headers } = reply.headers;
  return { status: reply.status, reason: reply.reason, headers, body: reply.body };
}

function refusal(body: string, wwwAuthenticate?: string): unknown {
  const status = body === NOT_FOUND ? 404 : 401;
  return {
    status,
    reason: status === 404 ? 'Resource Not Found' : 'Access Denied',
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      ...(wwwAuthenticate === undefined ? {} : { 'www-authenticate': wwwAuthenticate }),
    },
    body,
  };
}

const T30 = [
  '<set-header name="ErrorSource" exists-action="override"><value>@(context.LastError.Source)</value></set-header>',
  '<set-header name="ErrorReason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>',
  '<set-header name="ErrorMessage" exists-action="override"><value>@(context.LastError.Message)</value></set-header>',
  '<set-header name="ErrorStatusCode" exists-action="override"><value>@(context.Response.StatusCode.ToString())</value></set-header>',
  '<base />',
].join('\n');

describe('gateway refusals', () => {
  let upstream: Upstream;
  let gateway: RunningGateway;
  let base: string;
  /** WWW-Authenticate of a 401 for the API at `path`, naming its key header. */
  const challenge = (path: string, header = 'Ocp-Apim-Subscription-Key'): string =>
    `AzureApiManagementKey realm="${base}/${path}",name="${header}",type="header"`;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ path: req.url }));
    });
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  aoai:
    path: openai
    serviceUrl: ${upstream.url}/openai
    subscriptionKeyParameterNames: { header: api-key, query: api-key }
    operations: azure-openai
  echo:
    path: echo
    serviceUrl: ${upstream.url}
    operations: [ { id: get-item, method: GET, urlTemplate: "/items/{id}" } ]
  diag:
    path: diag
    serviceUrl: ${upstream.url}
    operations: [ { id: get, method: GET, urlTemplate: "/" } ]
    policy: diag.xml
  open:
    path: open
    serviceUrl: ${upstream.url}
    subscriptionRequired: false
    operations: [ { id: get, method: GET, urlTemplate: "/" } ]
  broken:
    path: broken
    serviceUrl: ${upstream.url}
    subscriptionRequired: false
    operations: [ { id: get, method: GET, urlTemplate: "/" } ]
    policy: broken.xml
  drafted:
    path: drafted
    serviceUrl: ${upstream.url}
    operations: [ { id: get, method: GET, urlTemplate: "/" } ]
products:
  starter: { apis: [echo] }
  other: { apis: [open] }
  draft: { apis: [drafted], subscriptionRequired: false, state: notPublished }
subscriptions:
  echo-sub: { scope: /apis/echo, primaryKey: echo-key, secondaryKey: echo-key-2 }
  aoai-sub: { scope: /apis/aoai, primaryKey: aoai-key }
  suspended: { scope: all, primaryKey: suspended-key, state: suspended }
  cancelled: { scope: all, primaryKey: cancelled-key, state: cancelled }
  expired: { scope: all, primaryKey: expired-key, state: expired }
  submitted: { scope: all, primaryKey: submitted-key, state: submitted }
  rejected: { scope: all, primaryKey: rejected-key, state: rejected }
  starter-sub: { scope: /products/starter, primaryKey: starter-key }
  diag-sub: { scope: /apis/diag, primaryKey: diag-key }
`,
      'diag.xml': policies({ onError: T30 }),
      // A header value node cannot write (a line break): the response fails where only the last resort is left.
      'broken.xml': policies({
        inbound: '<return-response><set-header name="x-bad" exists-action="override"><value>@("a\\nb")</value></set-header></return-response>',
      }),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    base = gateway.url;
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  const key = (value: string): Record<string, string> => ({ 'Ocp-Apim-Subscription-Key': value });

  describe('401 missing subscription key', () => {
    it('T51: no key on a subscription-required API', async () => {
      expect(answer(await call(base, '/echo/items/1'))).toEqual(refusal(MISSING, challenge('echo')));
    });

    it('an empty key header counts as no key', async () => {
      expect(answer(await call(base, '/echo/items/1', { headers: key('') }))).toEqual(refusal(MISSING, challenge('echo')));
    });

    it("T51: the key in a header the API does not read (it reads api-key): missing, naming api-key", async () => {
      const path = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';
      expect(answer(await call(base, path, { method: 'POST', headers: key('aoai-key') }))).toEqual(refusal(MISSING, challenge('openai', 'api-key')));
    });

    it('an open product that is not published gives no keyless context', async () => {
      expect(answer(await call(base, '/drafted/'))).toEqual(refusal(MISSING, challenge('drafted')));
    });
  });

  describe('401 invalid subscription key', () => {
    it('T51: a key that belongs to no subscription', async () => {
      expect(answer(await call(base, '/echo/items/1', { headers: key('nope') }))).toEqual(refusal(INVALID, challenge('echo')));
    });

    it.each(['suspended', 'cancelled', 'expired', 'submitted', 'rejected'])('T51: an all-APIs subscription in state %s', async (state) => {
      expect(answer(await call(base, '/echo/items/1', { headers: key(`${state}-key`) }))).toEqual(refusal(INVALID, challenge('echo')));
    });

    it('a key scoped to another API', async () => {
      expect(answer(await call(base, '/echo/items/1', { headers: key('aoai-key') }))).toEqual(refusal(INVALID, challenge('echo')));
    });

    it('a product key whose product does not contain the API', async () => {
      expect(answer(await call(base, '/drafted/', { headers: key('starter-key') }))).toEqual(refusal(INVALID, challenge('drafted')));
    });

    it('T51: a wrong key in the header and the right one in the query: the query is not read', async () => {
      const reply = await call(base, '/echo/items/1?subscription-key=echo-key', { headers: key('wrong') });
      expect(answer(reply)).toEqual(refusal(INVALID, challenge('echo')));
    });

    it('an invalid key in the query string', async () => {
      expect(answer(await call(base, '/echo/items/1?subscription-key=nope'))).toEqual(refusal(INVALID, challenge('echo')));
    });

    it('a bogus key on an API that requires no subscription', async () => {
      expect(answer(await call(base, '/open/', { headers: key('bogus') }))).toEqual(refusal(INVALID, challenge('open')));
    });
  });

  describe('404 Resource not found', () => {
    it('no API matches the path', async () => {
      expect(answer(await call(base, '/nothing/here'))).toEqual(refusal(NOT_FOUND));
    });

    it('an API path matches whole segments only: /echoes is not /echo', async () => {
      expect(answer(await call(base, '/echoes/items/1', { headers: key('echo-key') }))).toEqual(refusal(NOT_FOUND));
    });

    it('the API matches but no operation template does (with a valid key)', async () => {
      expect(answer(await call(base, '/echo/other', { headers: key('echo-key') }))).toEqual(refusal(NOT_FOUND));
    });

    it('the template matches but not the method: 404 before any key check', async () => {
      expect(answer(await call(base, '/echo/items/1', { method: 'DELETE' }))).toEqual(refusal(NOT_FOUND));
    });
  });

  describe('keys that are accepted', () => {
    it('the query parameter works when the header is absent', async () => {
      const reply = await call(base, '/echo/items/1?subscription-key=echo-key');
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { path: '/items/1?subscription-key=echo-key' }]);
    });

    it('the key in the query when an unread header carries it too', async () => {
      const reply = await call(base, '/echo/items/1?subscription-key=echo-key', { headers: { 'api-key': 'echo-key' } });
      expect(reply.status).toBe(200);
    });

    it('the secondary key works as the primary does', async () => {
      const reply = await call(base, '/echo/items/7', { headers: key('echo-key-2') });
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { path: '/items/7' }]);
    });

    it("an API's own key names: api-key header or api-key query", async () => {
      const path = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';
      expect((await call(base, path, { method: 'POST', headers: { 'api-key': 'aoai-key' } })).status).toBe(200);
      expect((await call(base, `${path}&api-key=aoai-key`, { method: 'POST' })).status).toBe(200);
    });

    it('an API that requires no subscription is served without a key', async () => {
      expect((await call(base, '/open/')).status).toBe(200);
    });

    it('a valid key reaches the backend at the service URL + operation path + query', async () => {
      const reply = await call(base, '/echo/items/42?x=1', { headers: key('echo-key') });
      expect([reply.status, JSON.parse(reply.body)]).toEqual([200, { path: '/items/42?x=1' }]);
    });
  });

  it('the trace of a refused request shows no backend; a forwarded one shows where it went', async () => {
    await call(base, '/echo/items/1');
    expect(gateway.traces.recent(1)[0]).toMatchObject({ status: 401, operation: 'get-item', backend: null });
    await call(base, '/echo/items/2', { headers: key('echo-key') });
    expect(gateway.traces.recent(1)[0]).toMatchObject({ status: 200, backend: { url: `${upstream.url}/items/2`, id: null } });
  });

  it("the gateway's last-resort 500 is APIM's body with an activityId (spec §5.2)", async () => {
    const reply = await call(base, '/broken/');
    const body = JSON.parse(reply.body) as { activityId: string };
    expect(body.activityId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const expected = JSON.stringify({ statusCode: 500, message: 'Internal server error', activityId: body.activityId });
    expect(answer(reply)).toEqual({
      status: 500,
      reason: 'Internal Server Error',
      headers: { 'content-type': 'application/json', 'content-length': String(expected.length) },
      body: expected,
    });
  });

  it('T30: a missing key goes through on-error, which sees LastError', async () => {
    const reply = await call(base, '/diag/');
    expect(reply.status).toBe(401);
    expect(reply.body).toBe(MISSING);
    expect(reply.headers['errorsource']).toBe('authorization');
    expect(reply.headers['errorreason']).toBe('SubscriptionKeyNotFound');
    expect(reply.headers['errormessage']).toBe(
      'Access denied due to missing subscription key. Make sure to include subscription key when making requests to this API.',
    );
    expect(reply.headers['errorstatuscode']).toBe('401');
    expect(reply.headers['www-authenticate']).toBe(challenge('diag'));
  });

  it('T30: an unmatched operation goes through the API on-error with OperationNotFound', async () => {
    const reply = await call(base, '/diag/missing', { headers: key('diag-key') });
    expect([reply.status, reply.body]).toEqual([404, NOT_FOUND]);
    expect([reply.headers['errorsource'], reply.headers['errorreason']]).toEqual(['configuration', 'OperationNotFound']);
  });
});
