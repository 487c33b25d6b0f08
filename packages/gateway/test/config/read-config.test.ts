// Configuration validation: every problem reported with its JSON path; relative paths, named values, defaults.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, readConfig } from '../../src/index.ts';
import { writeFixture } from '../support/fixture.ts';

function issuesOf(document: unknown, file = '/cfg/apimx.yaml'): string[] {
  try {
    readConfig(document, file, {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('reads APIM entities with defaults and relative paths', async () => {
    const dir = writeFixture({
      'apimx.yaml': `
service: { name: demo, region: westeurope }
namedValues: { key: { value: secret-1, secret: true }, plain: text, from-env: { env: MY_KEY } }
backends:
  b1: { properties: { url: "https://example.com/openai", credentials: { header: { api-key: ["{{key}}"] } } } }
apis:
  aoai: { path: /openai/, serviceUrl: "https://example.com/openai", operations: azure-openai, subscriptionKeyParameterNames: { header: api-key } }
products:
  p: { apis: [aoai], subscriptionRequired: false, policy: policies/p.xml }
subscriptions:
  s: { scope: /products/p, primaryKey: k1 }
  all: { scope: /apis, primaryKey: k2 }
  svc: { scope: /subscriptions/x/resourceGroups/y/providers/Microsoft.ApiManagement/service/z/apis/aoai, primaryKey: k3 }
`,
      'policies/p.xml': '<policies />',
    });
    const config = await loadConfig(`${dir}/apimx.yaml`, { MY_KEY: 'from-environment' });
    expect(config.service).toEqual({ name: 'demo', region: 'westeurope', gatewayId: 'managed' });
    expect(Object.fromEntries(config.namedValues)).toEqual({ key: 'secret-1', plain: 'text', 'from-env': 'from-environment' });
    expect([...config.secretNamedValues]).toEqual(['key']);
    expect(config.backends.get('b1')).toEqual({ properties: { url: 'https://example.com/openai', credentials: { header: { 'api-key': ['secret-1'] } } } });
    const api = config.apis.get('aoai')!;
    expect([api.path, api.subscriptionRequired, api.subscriptionKeyParameterNames]).toEqual(['openai', true, { header: 'api-key', query: 'subscription-key' }]);
    expect(config.products.get('p')).toMatchObject({ subscriptionRequired: false, state: 'published', policy: `${dir}/policies/p.xml`, apis: ['aoai'] });
    expect(config.subscriptions.get('s')!.scope).toEqual({ kind: 'product', id: 'p' });
    expect(config.subscriptions.get('all')!.scope).toEqual({ kind: 'allApis' });
    expect(config.subscriptions.get('svc')!.scope).toEqual({ kind: 'api', id: 'aoai' });
    expect(config.policy).toBeNull();
  });

  it('reports every problem with its JSON path', () => {
    expect(
      issuesOf({
        apis: {
          a: { path: 'x', operations: 'soap', serviceUrl: 'ftp://nope', subscriptionRequired: 'yes' },
          b: { operations: [{ id: 'op', method: 'GET', urlTemplate: 'no-slash' }] },
          c: { path: 'X', operations: 'openai-v1', policy: 'missing.xml', typo: 1 },
        },
        products: { p: { apis: ['a', 'zzz'], state: 'live' } },
        subscriptions: {
          s: { scope: '/apis/nope', primaryKey: 'k' },
          t: { scope: '/products/p', primaryKey: 'k' },
          u: { scope: 'somewhere' },
        },
        backends: { 'be-1': { credentials: { header: { 'api-key': ['{{missing-value}}'] } } } },
        mocks: [{ name: 'm', port: 70000 }],
        extra: true,
      }),
    ).toEqual([
      "$.extra: unknown field 'extra' (expected one of: service, namedValues, loggers, backends, mocks, products, apis, subscriptions, fragments, policy, metrics, stores, credentialProviders)",
      '$.apis.a.serviceUrl: expected an absolute http(s):// or mock:// URL, found \'ftp://nope\'',
      '$.apis.a.subscriptionRequired: expected true or false, found string "yes"',
      '$.apis.a.operations: expected azure-openai, openai-v1, { openapi: <file> } or a list of { id, method, urlTemplate }, found string "soap"',
      '$.apis.b.path: is required (the API\'s URL suffix; "" for the root)',
      "$.apis.b.operations[0].urlTemplate: must start with '/'",
      "$.apis.c.typo: unknown field 'typo' (expected one of: name, displayName, path, serviceUrl, subscriptionRequired, subscriptionKeyParameterNames, protocols, apiVersion, apiRevision, operations, policy, operationPolicies)",
      "$.apis.c.path: 'X' is already the path of API 'a'",
      '$.apis.c.policy: file not found: /cfg/missing.xml',
      "$.products.p.apis[1]: no API with id 'zzz'",
      "$.products.p.state: expected one of published, notPublished, found 'live'",
      "$.backends[\"be-1\"].credentials.header[\"api-key\"][0]: unknown named value '{{missing-value}}'",
      "$.backends[\"be-1\"].url: url is required for a Single backend",
      '$.mocks[0].port: expected an integer from 0 to 65535, found number 70000',
      "$.subscriptions.s.scope: no API with id 'nope'",
      "$.subscriptions.t.primaryKey: the same key is already used by subscription 's'",
      "$.subscriptions.u.scope: expected all, /apis, /apis/<api-id>, /products/<product-id>, / (all access) or an ARM id ending in one of them, found 'somewhere'",
      '$.subscriptions.u.primaryKey: is required',
    ]);
  });

  it("refuses an API path under /apimx, the admin surface's prefix", () => {
    expect(issuesOf({ apis: { a: { path: '/apimx/', operations: 'openai-v1' }, b: { path: 'APIMX/tools', operations: 'openai-v1' }, c: { path: 'apimxish', operations: 'openai-v1' } } })).toEqual([
      "$.apis.a.path: 'apimx' is under /apimx, which apimx reserves for its admin surface",
      "$.apis.b.path: 'APIMX/tools' is under /apimx, which apimx reserves for its admin surface",
    ]);
  });

  it('checks mock:// names and named values read from the environment', () => {
    expect(
      issuesOf({
        namedValues: { k: { env: 'UNSET_VARIABLE' } },
        apis: { a: { path: 'a', operations: 'openai-v1', serviceUrl: 'mock://ghost/v1' } },
      }),
    ).toEqual(['$.namedValues.k.env: environment variable UNSET_VARIABLE is not set', "$.apis.a.serviceUrl: no mock named 'ghost' under $.mocks"]);
  });

  it('names the file and the path in the error message', async () => {
    const dir = writeFixture({ 'apimx.json': '{ "apis": { "a": { "path": 3, "operations": "openai-v1" } }, "policy": 7 }' });
    await expect(loadConfig(`${dir}/apimx.json`)).rejects.toThrow(`${dir}/apimx.json: $.policy: file not found: ${dir}/7`);
    const yaml = writeFixture({ 'apimx.yaml': 'apis: {\n' });
    await expect(loadConfig(`${yaml}/apimx.yaml`)).rejects.toThrow(new RegExp(`^${yaml}/apimx.yaml: \\$: not valid YAML: `));
  });
});
