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
products:
  starter: { apis: [echo] }
  other: { apis: [open] }
subscriptions:
  echo-sub: { scope: /apis/echo, primaryKey: echo-key }
  aoai-sub: { scope: /apis/aoai, primaryKey: aoai-key }
  suspended: { scope: all, primaryKey: suspended-key, state: suspended }
  starter-sub: { scope: /products/starter, primaryKey: starter-key }
  diag-sub: { scope: /apis/diag, primaryKey: diag-key }
`,
      'diag.xml': policies({ onError: T30 }),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    base = gateway.url;
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('no key on a subscription-required API: 401 missing key, WWW-Authenticate naming the header', async () => {
    const reply = await call(base, '/echo/items/1');
    expect(reply.status).toBe(401);
    expect(reply.reason).toBe('Access Denied');
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.headers['www-authenticate']).toBe(`AzureApiManagementKey realm="${base}/echo",name="Ocp-Apim-Subscription-Key",type="header"`);
    expect(reply.body).toBe(MISSING);
  });

  it('a key that belongs to no subscription: 401 invalid key', async () => {
    const reply = await call(base, '/echo/items/1', { headers: { 'Ocp-Apim-Subscription-Key': 'nope' } });
    expect([reply.status, reply.reason, reply.body]).toEqual([401, 'Access Denied', INVALID]);
    expect(reply.headers['www-authenticate']).toBe(`AzureApiManagementKey realm="${base}/echo",name="Ocp-Apim-Subscription-Key",type="header"`);
  });

  it('a suspended subscription: 401 invalid key', async () => {
    const reply = await call(base, '/echo/items/1', { headers: { 'Ocp-Apim-Subscription-Key': 'suspended-key' } });
    expect([reply.status, reply.body]).toEqual([401, INVALID]);
  });

  it("a key scoped to another API: 401 invalid key", async () => {
    const reply = await call(base, '/echo/items/1', { headers: { 'Ocp-Apim-Subscription-Key': 'aoai-key' } });
    expect([reply.status, reply.body]).toEqual([401, INVALID]);
  });

  it('a product key for a product without the API: 401 invalid key', async () => {
    const reply = await call(base, '/diag/', { headers: { 'Ocp-Apim-Subscription-Key': 'starter-key' } });
    expect([reply.status, reply.body]).toEqual([401, INVALID]);
  });

  it('the query parameter works when the header is absent, and only then', async () => {
    expect((await call(base, '/echo/items/1?subscription-key=echo-key')).status).toBe(200);
    const both = await call(base, '/echo/items/1?subscription-key=echo-key', { headers: { 'Ocp-Apim-Subscription-Key': 'wrong' } });
    expect([both.status, both.body]).toEqual([401, INVALID]);
  });

  it("an API's own key names replace the defaults: api-key header or query, Ocp-Apim-Subscription-Key is ignored", async () => {
    const path = '/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21';
    expect((await call(base, path, { method: 'POST', headers: { 'api-key': 'aoai-key' } })).status).toBe(200);
    expect((await call(base, `${path}&api-key=aoai-key`, { method: 'POST' })).status).toBe(200);
    const wrongHeader = await call(base, path, { method: 'POST', headers: { 'Ocp-Apim-Subscription-Key': 'aoai-key' } });
    expect([wrongHeader.status, wrongHeader.body]).toEqual([401, MISSING]);
    expect(wrongHeader.headers['www-authenticate']).toBe(`AzureApiManagementKey realm="${base}/openai",name="api-key",type="header"`);
  });

  it('an API that requires no subscription is served without a key, but not with an invalid one', async () => {
    expect((await call(base, '/open/')).status).toBe(200);
    expect((await call(base, '/open/', { headers: { 'Ocp-Apim-Subscription-Key': 'bogus' } })).status).toBe(401);
  });

  it('no API matches the path: 404 Resource not found', async () => {
    const reply = await call(base, '/nothing/here');
    expect([reply.status, reply.reason, reply.headers['content-type'], reply.body]).toEqual([404, 'Resource Not Found', 'application/json', NOT_FOUND]);
    expect(reply.headers['www-authenticate']).toBeUndefined();
  });

  it('the API matches but no operation template does: 404', async () => {
    const reply = await call(base, '/echo/other', { headers: { 'Ocp-Apim-Subscription-Key': 'echo-key' } });
    expect([reply.status, reply.body]).toEqual([404, NOT_FOUND]);
  });

  it('the template matches but not the method: 404 (before any key check)', async () => {
    const reply = await call(base, '/echo/items/1', { method: 'DELETE' });
    expect([reply.status, reply.body]).toEqual([404, NOT_FOUND]);
  });

  it('an API path matches whole segments only: /echoes is not /echo', async () => {
    expect((await call(base, '/echoes/items/1')).status).toBe(404);
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
    expect(reply.headers['www-authenticate']).toBe(`AzureApiManagementKey realm="${base}/diag",name="Ocp-Apim-Subscription-Key",type="header"`);
  });

  it('T30: an unmatched operation goes through the API on-error with OperationNotFound', async () => {
    const reply = await call(base, '/diag/missing', { headers: { 'Ocp-Apim-Subscription-Key': 'diag-key' } });
    expect([reply.status, reply.body]).toEqual([404, NOT_FOUND]);
    expect([reply.headers['errorsource'], reply.headers['errorreason']]).toEqual(['configuration', 'OperationNotFound']);
  });

  it('a valid key reaches the backend at the service URL + operation path + query', async () => {
    const reply = await call(base, '/echo/items/42?x=1', { headers: { 'Ocp-Apim-Subscription-Key': 'echo-key' } });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ path: '/items/42?x=1' });
  });
});
