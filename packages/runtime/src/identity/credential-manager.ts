// Credential manager connections behind get-authorization-context (credentials-overview.md): APIM keeps OAuth 2.0
// connections ("authorizations") to credential providers, refreshes their tokens, and hands a connection's token
// to the identities its access policies allow. apimx has no credential manager: it EMULATES one from
// configuration (configured-credential-manager.ts): a connection holds a fixed access token, or gets one from a
// token endpoint with the client credentials grant.

import type { MaybePromise } from '../stores/maybe-promise.ts';

export interface AuthorizationQuery {
  providerId: string;
  authorizationId: string;
  /** `managed`: the gateway's own managed identity; `jwt`: the Entra token in `identity`. */
  identityType: 'managed' | 'jwt';
  identity: string | null;
}

export interface ConnectionToken {
  accessToken: string;
  /** The token response's fields (RFC 6749 §5.1: token_type, expires_in, scope...), as strings. */
  claims: Readonly<Record<string, string>>;
}

export interface CredentialManager {
  /** Rejects or throws an AuthorizationError when the connection cannot give a token to this identity. */
  getAuthorization(query: AuthorizationQuery): MaybePromise<ConnectionToken>;
}

/**
 * Why a connection gave no token. [UNCONFIRMED] reasons (APIM documents none; the docs say only "the connection
 * resource isn't found or is in an error state"): CredentialProviderNotFound, ConnectionNotFound,
 * ConnectionInErrorState, IdentityNotAllowed, IdentityInvalid, TokenRequestFailed.
 */
export class AuthorizationError extends Error {
  override readonly name = 'AuthorizationError';

  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}
