// get-authorization-context through real policy XML, against the emulated credential manager: fixed-token and
// client-credentials connections (a real token endpoint on loopback), access policies for the managed identity
// and for identity-type="jwt", the documented 500 and ignore-error, and the three corpus documents that use it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { ConfiguredCredentialManager, type ProviderConfig } from '../../../src/identity/configured-credential-manager.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { harness, parse } from '../../support/run-policy.ts';

const CORPUS = resolve(import.meta.dirname, '../../../../../../shared/corpus/ai-gateway');
const START = Date.UTC(2026, 0, 1);

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function setup(providers: Record<string, ProviderConfig>, xml: string) {
  const clock = new ManualClock(START);
  const services = { ...memoryServices(clock), credentials: new ConfiguredCredentialManager(providers, { clock }) };
  return harness(xml, { clock, services });
}

const RETURN_TOKEN = `<return-response>
    <set-status code="200" />
    <set-body template="none">@(((Authorization)context.Variables.GetValueOrDefault("auth-context"))?.AccessToken)</set-body>
</return-response>`;
const doc = (inbound: string, onError = '') => `<policies><inbound>${inbound}</inbound><backend><forward-request /></backend><outbound /><on-error>${onError}</on-error></policies>`;
const ERROR_HEADERS = '<return-response><set-status code="500" /><set-header name="x-reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header><set-body>@(context.LastError.Message)</set-body></return-response>';

const GITHUB: Record<string, ProviderConfig> = {
  'github-01': { connections: { 'auth-01': { accessToken: 'gho_token_1', claims: { scope: 'repo' } }, broken: { error: 'The refresh token has expired.' } } },
};

describe('get-authorization-context', () => {
  it('the docs\' "get token back": the connection\'s token in an Authorization object; Claims from its token response', async () => {
    const h = setup(GITHUB, doc(`<get-authorization-context provider-id="github-01" authorization-id="auth-01" context-variable-name="auth-context" identity-type="managed" ignore-error="false" />${RETURN_TOKEN}`));
    expect((await h.send()).text).toBe('gho_token_1');
    const claims = setup(GITHUB, doc(`<get-authorization-context provider-id="github-01" authorization-id="auth-01" context-variable-name="auth" />
      <return-response><set-body>@{ var a = (Authorization)context.Variables["auth"]; return a.Claims.GetValueOrDefault("scope", "") + " " + a.Claims.GetValueOrDefault("token_type", ""); }</set-body></return-response>`));
    expect((await claims.send()).text).toBe('repo Bearer');
  });

  it('provider and connection ids may be expressions (the docs\' dynamic example)', async () => {
    const h = setup(GITHUB, doc(`<get-authorization-context provider-id="@(context.Request.Url.Query.GetValueOrDefault("authorizationProviderId"))" authorization-id="@(context.Request.Url.Query.GetValueOrDefault("authorizationId"))" context-variable-name="auth-context" ignore-error="false" identity-type="managed" />${RETURN_TOKEN}`));
    expect((await h.send({ url: 'https://apimx.local/api/op?authorizationProviderId=github-01&authorizationId=auth-01' })).text).toBe('gho_token_1');
  });

  it('a missing provider or connection, or one in an error state, answers 500 with LastError saying which', async () => {
    const attempt = (provider: string, connection: string) =>
      setup(GITHUB, doc(`<get-authorization-context provider-id="${provider}" authorization-id="${connection}" context-variable-name="auth" />`, ERROR_HEADERS)).send();
    const noProvider = await attempt('gitlab', 'auth-01');
    expect(noProvider.status).toBe(500);
    expect(noProvider.header('x-reason')).toBe('CredentialProviderNotFound');
    expect(noProvider.text).toBe("Credential provider 'gitlab' was not found.");
    const noConnection = await attempt('github-01', 'auth-02');
    expect(noConnection.header('x-reason')).toBe('ConnectionNotFound');
    expect(noConnection.text).toBe("Connection 'auth-02' of credential provider 'github-01' was not found.");
    const broken = await attempt('github-01', 'broken');
    expect(broken.header('x-reason')).toBe('ConnectionInErrorState');
    expect(broken.text).toContain('The refresh token has expired.');
    // Without on-error, APIM's default 500 body.
    const plain = await setup(GITHUB, doc('<get-authorization-context provider-id="gitlab" authorization-id="x" context-variable-name="auth" />')).send();
    expect(plain.status).toBe(500);
    expect(JSON.parse(plain.text)).toMatchObject({ statusCode: 500, message: 'Internal server error' });
  });

  it('ignore-error="true": the variable is null and the request goes on', async () => {
    const h = setup(GITHUB, doc(`<get-authorization-context provider-id="github-01" authorization-id="broken" context-variable-name="auth-context" ignore-error="true" />
      <return-response><set-body>@(context.Variables.ContainsKey("auth-context") + "|" + (context.Variables["auth-context"] == null) + "|Bearer " + ((Authorization)context.Variables.GetValueOrDefault("auth-context"))?.AccessToken)</set-body></return-response>`));
    expect((await h.send()).text).toBe('True|True|Bearer ');
  });

  it('access policies: the managed identity by default; identity-type="jwt" checks the token\'s audience, lifetime, oid and tid', async () => {
    const jwt = (claims: Record<string, unknown>) => `${Buffer.from('{"alg":"RS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;
    const now = START / 1000;
    const good = { aud: 'https://azure-api.net/authorization-manager', oid: 'OBJ-1', tid: 'tenant-1', exp: now + 600 };
    const providers: Record<string, ProviderConfig> = {
      p: { connections: { sp: { accessToken: 'sp-token', accessPolicies: [{ objectId: 'obj-1', tenantId: 'tenant-1' }] }, open: { accessToken: 'open-token' } } },
    };
    const xml = (connection: string, type: string) =>
      doc(`<get-authorization-context provider-id="p" authorization-id="${connection}" context-variable-name="auth-context" identity-type="${type}" identity="@(context.Request.Headers.GetValueOrDefault("Authorization", "").Replace("Bearer ", ""))" />${RETURN_TOKEN}`, ERROR_HEADERS);
    const call = (connection: string, type: string, token?: string) => setup(providers, xml(connection, type)).send(token ? { headers: { Authorization: `Bearer ${token}` } } : {});

    expect((await call('open', 'managed')).text).toBe('open-token');
    expect((await call('sp', 'jwt', jwt(good))).text).toBe('sp-token');
    const managed = await call('sp', 'managed');
    expect(managed.header('x-reason')).toBe('IdentityNotAllowed');
    expect(managed.text).toBe("The managed identity of the gateway is not allowed by the access policies of connection 'sp' of credential provider 'p'.");
    expect((await call('sp', 'jwt', jwt({ ...good, oid: 'obj-2' }))).header('x-reason')).toBe('IdentityNotAllowed');
    expect((await call('sp', 'jwt', jwt({ ...good, aud: 'https://management.azure.com' }))).text).toBe("The identity's audience must be https://azure-api.net/authorization-manager.");
    expect((await call('sp', 'jwt', jwt({ ...good, exp: now }))).text).toBe('The identity token has expired.');
    expect((await call('sp', 'jwt', 'not-a-jwt')).header('x-reason')).toBe('IdentityInvalid');
    expect((await call('sp', 'jwt')).text).toBe('identity-type is jwt but the identity attribute is empty.');
    expect((await call('open', 'jwt', jwt(good))).header('x-reason')).toBe('IdentityNotAllowed');
  });

  it('a client credentials connection gets its token from the token endpoint, keeps it until near expiry, then renews it', async () => {
    const requests: URLSearchParams[] = [];
    let fail = false;
    const endpoint = await serve((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        requests.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
        res.writeHead(fail ? 401 : 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(fail ? { error: 'invalid_client', error_description: 'bad secret' } : { access_token: `cc-token-${requests.length}`, token_type: 'Bearer', expires_in: 3600, scope: 'api.read' }));
      });
    });
    const providers: Record<string, ProviderConfig> = {
      contoso: { clientCredentials: { tokenUrl: `${endpoint.url}/oauth2/token`, scopes: 'api.read' }, connections: { svc: { clientCredentials: { clientId: 'app-1', clientSecret: 's3cret' } } } },
    };
    const h = setup(providers, doc(`<get-authorization-context provider-id="contoso" authorization-id="svc" context-variable-name="auth-context" />
      <return-response><set-body>@{ var a = (Authorization)context.Variables["auth-context"]; return a.AccessToken + " " + a.Claims.GetValueOrDefault("scope", "") + " " + a.Claims.ContainsKey("access_token"); }</set-body></return-response>`, ERROR_HEADERS));
    expect((await h.send()).text).toBe('cc-token-1 api.read False');
    expect(Object.fromEntries(requests[0]!)).toEqual({ grant_type: 'client_credentials', client_id: 'app-1', client_secret: 's3cret', scope: 'api.read' });
    h.clock.advanceSeconds(3600 - 301);
    expect((await h.send()).text).toBe('cc-token-1 api.read False');
    h.clock.advanceSeconds(1);
    expect((await h.send()).text).toBe('cc-token-2 api.read False');
    fail = true;
    h.clock.advanceSeconds(3600);
    const refused = await h.send();
    expect(refused.header('x-reason')).toBe('TokenRequestFailed');
    expect(refused.text).toContain('answered 401: invalid_client: bad secret');
  });
});

describe('get-authorization-context in the AI-gateway corpus', () => {
  const files = [
    'labs/realtime-mcp-agents/src/spotify/apim-api/policy.xml',
    'labs/model-context-protocol/src/servicenow/apim-api/operation-policy.xml',
    'labs/model-context-protocol/src/github/apim-api/policy.xml',
  ];

  it.each(files)('%s loads unchanged', (file) => {
    const xml = readFileSync(resolve(CORPUS, file), 'utf8');
    expect(() => setup(GITHUB, xml)).not.toThrow();
    expect(parse(xml, file).kind).toBe('policies');
  });

  it('the Spotify MCP lab: the connection named by the providerId/authorizationId headers becomes the backend\'s bearer token', async () => {
    const echo = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(req.headers.authorization ?? '');
    });
    const xml = readFileSync(resolve(CORPUS, files[0]!), 'utf8');
    const providers: Record<string, ProviderConfig> = { spotify: { connections: { 'user-1': { accessToken: 'spotify-access-token' } } } };
    const h = setup(providers, `<policies><inbound /><backend><forward-request /></backend><outbound /><on-error /></policies>`);
    const lab = harness({ global: '<policies><inbound /><backend><forward-request /></backend><outbound /><on-error /></policies>', operation: xml }, { services: h.services, clock: h.clock });
    const response = await lab.send({ headers: { providerId: 'spotify', authorizationId: 'user-1' } }, { backendUrl: `${echo.url}/v1/me` });
    expect(response.status).toBe(200);
    expect(response.text).toBe('Bearer spotify-access-token');
    const unknown = await lab.send({ headers: { providerId: 'spotify', authorizationId: 'user-2' } }, { backendUrl: `${echo.url}/v1/me` });
    expect(unknown.status).toBe(500);
  });
});
