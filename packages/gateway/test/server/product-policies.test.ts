// Spec §1.2 and §6: a product's policy runs for a request in that product's context (its key, or no key through
// an open product) and is skipped for API-scoped, all-APIs and all-access (service) keys. Each scope appends its
// name to x-scopes in outbound, so the header shows exactly which definitions ran.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const mark = (scope: string, extra = ''): string =>
  policies({ outbound: `<base />\n<set-header name="x-scopes" exists-action="append"><value>${scope}</value></set-header>${extra}` });

describe('product policies', () => {
  let upstream: Upstream;
  let gateway: RunningGateway;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => {
      req.resume();
      res.end('ok');
    });
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  chat: { path: chat, serviceUrl: "${upstream.url}", operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }
  free: { path: free, serviceUrl: "${upstream.url}", operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }
products:
  gold: { apis: [chat], policy: gold.xml }
  silver: { apis: [chat], policy: silver.xml }
  public: { apis: [free], subscriptionRequired: false, policy: public.xml }
subscriptions:
  gold-sub: { scope: /products/gold, primaryKey: gold-key }
  silver-sub: { scope: /products/silver, primaryKey: silver-key }
  api-sub: { scope: /apis/chat, primaryKey: api-key }
  all-apis-sub: { scope: /apis, primaryKey: all-apis-key }
  service-sub: { scope: /, primaryKey: service-key }
  arm-service-sub: { scope: /subscriptions/0000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/contoso, primaryKey: arm-service-key }
policy: global.xml
`,
      'global.xml': mark('global'),
      'gold.xml': mark('gold'),
      'silver.xml': mark('silver'),
      'public.xml': mark('public'),
      'api.xml': mark(
        'api',
        '\n<set-header name="x-product" exists-action="override"><value>@(context.Product == null ? "none" : context.Product.Id)</value></set-header>',
      ),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function scopes(path: string, key?: string): Promise<[number, string | null, string | null]> {
    const reply = await fetch(`${gateway.url}${path}`, { headers: key ? { 'Ocp-Apim-Subscription-Key': key } : {} });
    return [reply.status, reply.headers.get('x-scopes'), reply.headers.get('x-product')];
  }

  it("a product key: that product's policy runs, in its context (not the other product's)", async () => {
    expect(await scopes('/chat/', 'gold-key')).toEqual([200, 'global,gold,api', 'gold']);
    expect(await scopes('/chat/', 'silver-key')).toEqual([200, 'global,silver,api', 'silver']);
  });

  it('T51: an API-scoped key skips product policies', async () => {
    expect(await scopes('/chat/', 'api-key')).toEqual([200, 'global,api', 'none']);
  });

  it('an all-APIs key skips product policies', async () => {
    expect(await scopes('/chat/', 'all-apis-key')).toEqual([200, 'global,api', 'none']);
  });

  it('T51: the all-access (service) key skips product policies, written as / or as the service ARM id', async () => {
    expect(await scopes('/chat/', 'service-key')).toEqual([200, 'global,api', 'none']);
    expect(await scopes('/chat/', 'arm-service-key')).toEqual([200, 'global,api', 'none']);
  });

  it("no key on an API in an open product: the open product's policy runs, in its context", async () => {
    expect(await scopes('/free/')).toEqual([200, 'global,public,api', 'public']);
  });

  it('an all-APIs key on an API in an open product: API context, the product policy skipped', async () => {
    expect(await scopes('/free/', 'all-apis-key')).toEqual([200, 'global,api', 'none']);
  });
});
