// An API whose operations come from an OpenAPI 3 document: ids, names (summaries), URL templates and the service
// URL from servers[0] (variables at their defaults); an operation policy that applies to its operation only; a
// fragment named in the configuration included by the API policy. A document that cannot be used is a
// configuration error at its JSON path.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const SPEC = (upstream: string): string => `
openapi: 3.0.1
info: { title: Pets, version: "1" }
servers:
  - url: "${upstream}/{base}"
    variables: { base: { default: svc } }
paths:
  /pets:
    get: { operationId: listPets, summary: List all pets }
  /pets/{petId}:
    get: { operationId: showPetById, summary: Info for a specific pet }
    delete: { summary: Remove a pet }
`;

const SHOW_OPERATION = '<set-header name="x-operation" exists-action="override"><value>@(context.Operation.Id + "|" + context.Operation.Name + "|" + context.Operation.UrlTemplate + "|" + context.Request.MatchedParameters["petId"])</value></set-header>';

describe('OpenAPI import, operation policies and fragments', () => {
  let upstream: Upstream;
  let gateway: RunningGateway;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => {
      req.resume();
      res.end(`${req.method} ${req.url} fragment=${String(req.headers['x-fragment'])}`);
    });
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  pets:
    path: pets-api
    subscriptionRequired: false
    operations: { openapi: specs/pets.yaml }
    policy: api.xml
    operationPolicies: { showPetById: show.xml }
fragments: { tag: fragments/tag.xml }
`,
      'specs/pets.yaml': SPEC(upstream.url),
      'api.xml': policies({ inbound: '<base />\n<include-fragment fragment-id="tag" />' }),
      'show.xml': policies({ outbound: `<base />${SHOW_OPERATION}` }),
      'fragments/tag.xml': '<fragment>\n  <set-header name="x-fragment" exists-action="override"><value>@(context.Api.Name)</value></set-header>\n</fragment>',
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  async function call(method: string, path: string): Promise<{ status: number; body: string; operation: string | null; operationId: string | null }> {
    const reply = await fetch(`${gateway.url}${path}`, { method });
    const trace = gateway.traces.recent(1)[0]!;
    return { status: reply.status, body: await reply.text(), operation: reply.headers.get('x-operation'), operationId: trace.operation };
  }

  it("routes to the document's operations at servers[0] (its variable at the default)", async () => {
    const list = await call('GET', '/pets-api/pets?limit=2');
    expect([list.status, list.body, list.operationId]).toEqual([200, 'GET /svc/pets?limit=2 fragment=pets', 'listPets']);
    const removed = await call('DELETE', '/pets-api/pets/9');
    expect([removed.status, removed.body, removed.operationId]).toEqual([200, 'DELETE /svc/pets/9 fragment=pets', 'delete-pets-petId']);
    expect((await call('POST', '/pets-api/pets')).status).toBe(404);
  });

  it('the operation policy runs for its operation only, with the Operation and its matched parameters', async () => {
    expect((await call('GET', '/pets-api/pets/7')).operation).toBe('showPetById|Info for a specific pet|/pets/{petId}|7');
    expect((await call('GET', '/pets-api/pets')).operation).toBeNull();
  });

  it('a fragment from the configuration, included by the API policy, runs in every operation', async () => {
    expect((await call('GET', '/pets-api/pets/7')).body).toBe('GET /svc/pets/7 fragment=pets');
    expect((await call('GET', '/pets-api/pets')).body).toBe('GET /svc/pets fragment=pets');
  });
});

describe('OpenAPI documents that cannot be used', () => {
  async function issue(spec: string): Promise<string> {
    const dir = writeFixture({ 'apimx.yaml': 'apis: { pets: { path: pets, operations: { openapi: spec.yaml } } }\n', 'spec.yaml': spec });
    const error = await loadConfig(`${dir}/apimx.yaml`, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message.replaceAll(dir, '<dir>');
  }

  it('no paths object: the JSON path of the reference and the file once', async () => {
    expect(await issue('openapi: 3.0.1\ninfo: { title: x }\n')).toBe(
      "<dir>/apimx.yaml: $.apis.pets.operations.openapi: <dir>/spec.yaml: not an OpenAPI document: it has no 'paths' object",
    );
  });

  it('one operationId used twice', async () => {
    expect(await issue('paths:\n  /a: { get: { operationId: same } }\n  /b: { post: { operationId: same } }\n')).toBe(
      "<dir>/apimx.yaml: $.apis.pets.operations.openapi: <dir>/spec.yaml: operationId 'same' is used by both GET /a and POST /b",
    );
  });

  it('not YAML at all', async () => {
    expect(await issue('paths: [\n')).toMatch(/^<dir>\/apimx\.yaml: \$\.apis\.pets\.operations\.openapi: <dir>\/spec\.yaml: not valid JSON or YAML: /);
  });
});
