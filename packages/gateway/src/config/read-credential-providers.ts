// `credentialProviders:`: get-authorization-context's connections. APIM's credential manager keeps OAuth 2.0
// connections to providers (GitHub, Entra ID...) after a user consents; apimx has none, so a connection is
// configured here instead (EMULATED): a fixed access token, the client credentials grant against a token
// endpoint (settings on the provider, the connection, or both), or an error state. Access policies list who may
// use a connection: `managed` (the gateway's managed identity, the default) or { objectId, tenantId } for callers
// with identity-type="jwt". Named values are substituted ({{github-token}}), so secrets can come from the
// environment.
//
//   credentialProviders:
//     github-01:
//       connections:
//         auth-01: { accessToken: "{{github-token}}", claims: { scope: repo } }
//     contoso:
//       clientCredentials: { tokenUrl: https://login.example.com/oauth2/token, scopes: api.read }
//       connections:
//         service: { clientCredentials: { clientId: app-1, clientSecret: "{{contoso-secret}}" }, accessPolicies: [managed] }
import type { AccessPolicy, ConnectionConfig, ProviderConfig } from '@apimx/runtime';
import { substituteDeep } from './named-values.ts';
import { readUrl } from './policy-path.ts';
import { describe, Fields } from './reader.ts';

type ClientCredentials = NonNullable<ConnectionConfig['clientCredentials']>;

export function readCredentialProviders(root: Fields, namedValues: ReadonlyMap<string, string>): Record<string, ProviderConfig> {
  const providers: Record<string, ProviderConfig> = {};
  if (!root.has('credentialProviders')) return providers;
  const section = substituteDeep(root.value['credentialProviders'], namedValues, root.at('credentialProviders'), root.issues);
  const fields = Fields.of(root.issues, root.at('credentialProviders'), section);
  for (const [id, raw] of Object.entries(fields?.value ?? {})) {
    const provider = Fields.of(root.issues, fields!.at(id), raw)?.only('clientCredentials', 'connections');
    if (!provider) continue;
    const shared = readClientCredentials(provider);
    const connections: Record<string, ConnectionConfig> = {};
    for (const [connectionId, connectionRaw, connectionPath] of provider.entries('connections')) {
      const connection = readConnection(Fields.of(root.issues, connectionPath, connectionRaw), shared);
      if (connection) connections[connectionId] = connection;
    }
    if (Object.keys(connections).length === 0) provider.fail('connections', 'a credential provider needs at least one connection');
    providers[id] = shared ? { clientCredentials: shared, connections } : { connections };
  }
  return providers;
}

function readConnection(fields: Fields | undefined, shared: Partial<ClientCredentials> | undefined): ConnectionConfig | undefined {
  if (!fields?.only('accessToken', 'clientCredentials', 'claims', 'error', 'accessPolicies')) return undefined;
  const connection: ConnectionConfig = {};
  const accessToken = fields.string('accessToken');
  if (accessToken !== undefined) connection.accessToken = accessToken;
  const own = readClientCredentials(fields);
  if (own) connection.clientCredentials = own;
  const error = fields.string('error');
  if (error !== undefined) connection.error = error;
  const claims = fields.object('claims');
  if (claims) {
    const values: Record<string, string> = {};
    for (const key of Object.keys(claims.value)) {
      const value = claims.string(key);
      if (value !== undefined) values[key] = value;
    }
    connection.claims = values;
  }
  if (fields.has('accessPolicies')) connection.accessPolicies = readAccessPolicies(fields);
  const grant = { ...shared, ...own };
  if (accessToken !== undefined && own) fields.fail('clientCredentials', 'a connection has an accessToken or clientCredentials, not both');
  if (accessToken === undefined && error === undefined && !(grant.tokenUrl && grant.clientId && grant.clientSecret)) {
    fields.issues.push({
      path: fields.path,
      message: 'a connection needs an accessToken, clientCredentials (tokenUrl, clientId and clientSecret, here or on its provider), or an error',
    });
  }
  return connection;
}

function readClientCredentials(fields: Fields): Partial<ClientCredentials> | undefined {
  const cc = fields.object('clientCredentials')?.only('tokenUrl', 'clientId', 'clientSecret', 'scopes', 'resource');
  if (!cc) return undefined;
  const out: Partial<ClientCredentials> = {};
  const tokenUrl = readUrl(cc, 'tokenUrl');
  if (tokenUrl !== null) out.tokenUrl = tokenUrl;
  for (const key of ['clientId', 'clientSecret', 'scopes', 'resource'] as const) {
    const value = cc.string(key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

function readAccessPolicies(fields: Fields): AccessPolicy[] {
  const policies: AccessPolicy[] = [];
  for (const [item, path] of fields.list('accessPolicies')) {
    if (item === 'managed') {
      policies.push('managed');
      continue;
    }
    const entry = typeof item === 'object' ? Fields.of(fields.issues, path, item)?.only('objectId', 'tenantId') : undefined;
    if (!entry) {
      fields.issues.push({ path, message: `expected 'managed' or { objectId, tenantId }, found ${describe(item)}` });
      continue;
    }
    const objectId = entry.required('objectId');
    const tenantId = entry.required('tenantId');
    if (objectId !== undefined && tenantId !== undefined) policies.push({ objectId, tenantId });
  }
  return policies;
}
