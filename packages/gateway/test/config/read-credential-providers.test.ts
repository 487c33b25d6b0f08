// `credentialProviders:` (the emulated credential manager of get-authorization-context): connections with a fixed
// token, client credentials (merged with the provider's), an error state, access policies; named values
// substituted; problems reported at their JSON paths.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/index.ts';

const read = (document: Record<string, unknown>) => readConfig(document, '/cfg/apimx.yaml', { GITHUB_TOKEN: 'gho_env' });

function issuesOf(document: Record<string, unknown>): string[] {
  try {
    read(document);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe('credentialProviders section', () => {
  it('is empty by default', () => {
    expect(read({}).credentialProviders).toEqual({});
  });

  it('reads connections, substituting named values', () => {
    const config = read({
      namedValues: { 'github-token': { env: 'GITHUB_TOKEN', secret: true }, 'contoso-secret': { value: 's3cret', secret: true } },
      credentialProviders: {
        'github-01': { connections: { 'auth-01': { accessToken: '{{github-token}}', claims: { scope: 'repo' } }, broken: { error: 'expired' } } },
        contoso: {
          clientCredentials: { tokenUrl: 'https://login.example.com/token', scopes: 'api.read' },
          connections: { svc: { clientCredentials: { clientId: 'app-1', clientSecret: '{{contoso-secret}}' }, accessPolicies: ['managed', { objectId: 'o', tenantId: 't' }] } },
        },
      },
    });
    expect(config.credentialProviders).toEqual({
      'github-01': { connections: { 'auth-01': { accessToken: 'gho_env', claims: { scope: 'repo' } }, broken: { error: 'expired' } } },
      contoso: {
        clientCredentials: { tokenUrl: 'https://login.example.com/token', scopes: 'api.read' },
        connections: { svc: { clientCredentials: { clientId: 'app-1', clientSecret: 's3cret' }, accessPolicies: ['managed', { objectId: 'o', tenantId: 't' }] } },
      },
    });
  });

  it('names what is wrong', () => {
    expect(
      issuesOf({
        credentialProviders: {
          a: { connections: { none: {}, both: { accessToken: 't', clientCredentials: { clientId: 'c' } }, odd: { accessToken: 't', accessPolicies: ['everyone', { objectId: 'o' }] } } },
          b: { clientCredentials: { tokenUrl: 'ftp://x' }, connections: {} },
          c: { connections: { x: { accessToken: '{{missing}}', extra: 1 } } },
        },
      }),
    ).toEqual([
      '$.credentialProviders.c.connections.x.accessToken: unknown named value \'{{missing}}\'',
      '$.credentialProviders.a.connections.none: a connection needs an accessToken, clientCredentials (tokenUrl, clientId and clientSecret, here or on its provider), or an error',
      '$.credentialProviders.a.connections.both.clientCredentials: a connection has an accessToken or clientCredentials, not both',
      "$.credentialProviders.a.connections.odd.accessPolicies[0]: expected 'managed' or { objectId, tenantId }, found string \"everyone\"",
      '$.credentialProviders.a.connections.odd.accessPolicies[1].tenantId: is required',
      "$.credentialProviders.b.clientCredentials.tokenUrl: expected an absolute http(s):// or mock:// URL, found 'ftp://x'",
      '$.credentialProviders.b.connections: a credential provider needs at least one connection',
      "$.credentialProviders.c.connections.x.extra: unknown field 'extra' (expected one of: accessToken, clientCredentials, claims, error, accessPolicies)",
    ]);
  });
});
