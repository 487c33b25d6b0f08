// An EMULATED credential manager (see credential-manager.ts), from configuration: providers by id, each with its
// connections by id. A connection gives a fixed access token (what an authorization-code connection holds once
// consented), or gets one with the client credentials grant and keeps it until five minutes before it expires (half-way for shorter lives),
// or is in an error state (for trying on-error paths). Its access policies say who may use it: `managed` (the
// gateway's managed identity, the default) and Entra identities by object and tenant id, checked against the
// `identity` JWT of identity-type="jwt". That JWT's audience, lifetime, oid and tid are checked; its signature
// is NOT (there is no Entra ID to check it against locally).
import { readToken } from '../policies/access/jwt/jwt-token.ts';
import type { Clock } from '../clock.ts';
import type { Forwarder } from '../http/forwarder.ts';
import { defaultForwarder } from '../http/forwarder.ts';
import { requestClientCredentialsToken, type ClientCredentials } from './client-credentials.ts';
import { AuthorizationError, type AuthorizationQuery, type ConnectionToken, type CredentialManager } from './credential-manager.ts';

/** Audience of the tokens identity-type="jwt" takes (get-authorization-context-policy.md). */
export const AUTHORIZATION_MANAGER_AUDIENCE = 'https://azure-api.net/authorization-manager';
const RENEW_BEFORE_MS = 5 * 60_000;

export type AccessPolicy = 'managed' | { objectId: string; tenantId: string };

export interface ConnectionConfig {
  /** A fixed token. */
  accessToken?: string;
  /** Or the client credentials grant (the provider's settings, completed or overridden here). */
  clientCredentials?: Partial<ClientCredentials>;
  /** Extra token response fields for Claims (with a fixed token). */
  claims?: Readonly<Record<string, string>>;
  /** Set: the connection is in an error state with this message. */
  error?: string;
  /** Default: the gateway's managed identity only. */
  accessPolicies?: readonly AccessPolicy[];
}

export interface ProviderConfig {
  /** Client credentials settings shared by the provider's connections (tokenUrl, clientId...). */
  clientCredentials?: Partial<ClientCredentials>;
  connections: Readonly<Record<string, ConnectionConfig>>;
}

export interface ConfiguredCredentialManagerOptions {
  clock: Clock;
  forwarder?: Forwarder;
}

interface CachedToken {
  token: ConnectionToken;
  /** Epoch ms; Infinity when the server gave no lifetime. */
  renewAt: number;
}

export class ConfiguredCredentialManager implements CredentialManager {
  private readonly tokens = new Map<string, CachedToken | Promise<ConnectionToken>>();

  constructor(
    private readonly providers: Readonly<Record<string, ProviderConfig>>,
    private readonly options: ConfiguredCredentialManagerOptions,
  ) {}

  getAuthorization(query: AuthorizationQuery): ConnectionToken | Promise<ConnectionToken> {
    const provider = Object.hasOwn(this.providers, query.providerId) ? this.providers[query.providerId] : undefined;
    if (!provider) throw new AuthorizationError('CredentialProviderNotFound', `Credential provider '${query.providerId}' was not found.`);
    const connection = Object.hasOwn(provider.connections, query.authorizationId) ? provider.connections[query.authorizationId] : undefined;
    if (!connection) {
      throw new AuthorizationError('ConnectionNotFound', `Connection '${query.authorizationId}' of credential provider '${query.providerId}' was not found.`);
    }
    if (connection.error !== undefined) {
      throw new AuthorizationError('ConnectionInErrorState', `Connection '${query.authorizationId}' of credential provider '${query.providerId}' is in an error state: ${connection.error}`);
    }
    this.checkAccess(query, connection);
    if (connection.accessToken !== undefined) return { accessToken: connection.accessToken, claims: { token_type: 'Bearer', ...connection.claims } };
    return this.granted(query, { ...provider.clientCredentials, ...connection.clientCredentials });
  }

  private checkAccess(query: AuthorizationQuery, connection: ConnectionConfig): void {
    const policies = connection.accessPolicies ?? ['managed'];
    const where = `connection '${query.authorizationId}' of credential provider '${query.providerId}'`;
    if (query.identityType === 'managed') {
      if (!policies.includes('managed')) throw new AuthorizationError('IdentityNotAllowed', `The managed identity of the gateway is not allowed by the access policies of ${where}.`);
      return;
    }
    const { oid, tid } = this.identityClaims(query.identity);
    const allowed = policies.some((p) => p !== 'managed' && p.objectId.toLowerCase() === oid.toLowerCase() && p.tenantId.toLowerCase() === tid.toLowerCase());
    if (!allowed) throw new AuthorizationError('IdentityNotAllowed', `Identity ${oid} (tenant ${tid}) is not allowed by the access policies of ${where}.`);
  }

  private identityClaims(identity: string | null): { oid: string; tid: string } {
    if (!identity) throw new AuthorizationError('IdentityInvalid', 'identity-type is jwt but the identity attribute is empty.');
    let payload: Record<string, unknown>;
    try {
      payload = readToken(identity.replace(/^Bearer\s+/i, '').trim(), null).payload;
    } catch (error) {
      throw new AuthorizationError('IdentityInvalid', `The identity is not a JWT: ${(error as Error).message}`);
    }
    const audiences = Array.isArray(payload['aud']) ? payload['aud'] : [payload['aud']];
    if (!audiences.some((aud) => typeof aud === 'string' && aud.replace(/\/+$/, '') === AUTHORIZATION_MANAGER_AUDIENCE)) {
      throw new AuthorizationError('IdentityInvalid', `The identity's audience must be ${AUTHORIZATION_MANAGER_AUDIENCE}.`);
    }
    const now = this.options.clock.now() / 1000;
    if (typeof payload['exp'] === 'number' && payload['exp'] <= now) throw new AuthorizationError('IdentityInvalid', 'The identity token has expired.');
    if (typeof payload['nbf'] === 'number' && payload['nbf'] > now) throw new AuthorizationError('IdentityInvalid', 'The identity token is not valid yet.');
    const { oid, tid } = payload;
    if (typeof oid !== 'string' || typeof tid !== 'string') throw new AuthorizationError('IdentityInvalid', 'The identity token has no oid or tid claim.');
    return { oid, tid };
  }

  private granted(query: AuthorizationQuery, grant: Partial<ClientCredentials>): ConnectionToken | Promise<ConnectionToken> {
    const key = `${query.providerId}\u0000${query.authorizationId}`;
    const cached = this.tokens.get(key);
    if (cached instanceof Promise) return cached;
    if (cached && cached.renewAt > this.options.clock.now()) return cached.token;
    const { tokenUrl, clientId, clientSecret } = grant;
    if (!tokenUrl || !clientId || !clientSecret) {
      throw new AuthorizationError('ConnectionInErrorState', `Connection '${query.authorizationId}' of credential provider '${query.providerId}' has neither an access token nor client credentials (tokenUrl, clientId, clientSecret).`);
    }
    // One token request at a time per connection; the others wait for it.
    const pending = requestClientCredentialsToken(this.options.forwarder ?? defaultForwarder(), { ...grant, tokenUrl, clientId, clientSecret }).then(
      (response) => {
        // [UNCONFIRMED] Claims hold the token response's fields but the tokens themselves.
        const { access_token: _a, refresh_token: _r, ...claims } = response.fields;
        const token = { accessToken: response.accessToken, claims };
        // Renewed five minutes before it expires, or half-way through a shorter life.
        const lifeMs = response.expiresIn === undefined ? Infinity : response.expiresIn * 1000;
        const renewAt = this.options.clock.now() + Math.max(lifeMs - RENEW_BEFORE_MS, lifeMs / 2);
        this.tokens.set(key, { token, renewAt });
        return token;
      },
      (error: unknown) => {
        this.tokens.delete(key);
        throw new AuthorizationError('TokenRequestFailed', `Connection '${query.authorizationId}' of credential provider '${query.providerId}' could not get a token: ${(error as Error).message}`);
      },
    );
    this.tokens.set(key, pending);
    return pending;
  }
}
