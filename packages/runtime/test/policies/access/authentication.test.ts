import { afterEach, describe, expect, it } from 'vitest';
import { EmulatedIdentity } from '../../../src/identity/emulated-identity.ts';
import type { IdentityProvider } from '../../../src/identity/identity.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { ManualClock } from '../../../src/clock.ts';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** An upstream that echoes the Authorization header it received. */
async function echoAuthorization(): Promise<TestServer> {
  const server = await startServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(req.headers.authorization ?? '');
  });
  servers.push(server);
  return server;
}

const doc = (inbound: string, onError = '') => `<policies><inbound>${inbound}</inbound><backend><forward-request /></backend><outbound /><on-error>${onError}</on-error></policies>`;
const payload = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('authentication-basic', () => {
  it('sends Authorization: Basic base64(username:password) to the backend', async () => {
    const server = await echoAuthorization();
    const h = harness(doc('<authentication-basic username="ada" password="pä:ss" />'));
    const response = await h.send({}, { backendUrl: `${server.url}/op` });
    expect(response.text).toBe(`Basic ${Buffer.from('ada:pä:ss', 'utf8').toString('base64')}`);
  });
});

describe('authentication-managed-identity (emulated identity)', () => {
  it('T38 AOAI auth: the backend receives Authorization: Bearer <token> for the resource; the variable holds the token', async () => {
    const server = await echoAuthorization();
    const { policies, seen } = probePolicies();
    const h = harness(
      doc(`<authentication-managed-identity resource="https://cognitiveservices.azure.com" output-token-variable-name="managed-id-access-token" ignore-error="false" />${PROBE}`),
      { policies },
    );
    const response = await h.send({}, { backendUrl: `${server.url}/op` });
    const token = seen[0]!.Variables.get('managed-id-access-token') as string;
    expect(seen[0]!.Variables.typeOf('managed-id-access-token')).toBe('string');
    expect(response.text).toBe(`Bearer ${token}`);
    const [header, , signature] = token.split('.');
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toEqual({ typ: 'JWT', alg: 'none' });
    expect(signature).toBe('');
    const claims = payload(token);
    expect(claims['aud']).toBe('https://cognitiveservices.azure.com');
    expect(claims['exp']).toBe(Math.floor(h.clock.now() / 1000) + 3600);
  });

  it('client-id selects a user-assigned identity; tokens are cached until shortly before expiry', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const identity = new EmulatedIdentity({ clock, lifetimeSeconds: 3600 });
    const first = identity.getToken('https://r', 'client-1');
    expect(payload(first.token)['appid']).toBe('client-1');
    clock.advance(54 * 60_000);
    expect(identity.getToken('https://r', 'client-1')).toBe(first);
    expect(identity.getToken('https://r', undefined)).not.toBe(first);
    clock.advance(2 * 60_000);
    expect(identity.getToken('https://r', 'client-1').token).not.toBe(first.token);
  });

  it('a failing identity answers 500 unless ignore-error="true", which leaves the request untouched', async () => {
    const server = await echoAuthorization();
    const failing: IdentityProvider = { getToken: () => Promise.reject(new Error('IMDS unreachable')) };
    const services = { ...memoryServices(new ManualClock(0)), identity: failing };
    const { policies, seen } = probePolicies();
    const strict = harness(doc('<authentication-managed-identity resource="https://r" />', PROBE), { services, policies });
    const refused = await strict.send({}, { backendUrl: `${server.url}/op` });
    expect(refused.status).toBe(500);
    expect(seen[0]!.LastError).toMatchObject({ Source: 'authentication-managed-identity', Reason: 'ManagedIdentityTokenFailure' });
    expect(seen[0]!.LastError!.Message).toContain('IMDS unreachable');
    const lenient = harness(doc('<authentication-managed-identity resource="https://r" ignore-error="true" />'), { services });
    const passed = await lenient.send({ headers: { Authorization: 'caller' } }, { backendUrl: `${server.url}/op` });
    expect(passed.status).toBe(200);
    expect(passed.text).toBe('caller');
  });

  it('without a configured identity the policy fails (no silent token)', async () => {
    const { identity: _unused, ...services } = memoryServices(new ManualClock(0));
    const h = harness(doc('<authentication-managed-identity resource="https://r" />'), { services });
    expect((await h.send()).status).toBe(500);
  });
});
