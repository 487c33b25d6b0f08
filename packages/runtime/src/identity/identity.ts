// The managed identity behind authentication-managed-identity (spec §3.11). In Azure the gateway asks Entra ID
// for a token; locally there is no Entra, so apimx EMULATES it: a configured local identity issues tokens for any
// resource. The token is a well-formed JWT (header.payload.signature, base64url) with aud = resource, but it is
// UNSIGNED (alg "none"): real Azure services refuse it. Point the backend at a mock, or plug in a provider that
// fetches real tokens (e.g. with @azure/identity) by implementing IdentityProvider.
import type { MaybePromise } from '../stores/maybe-promise.ts';

export interface AccessToken {
  token: string;
  /** Epoch ms. */
  expiresOn: number;
}

export interface IdentityProvider {
  /** A token for `resource`; `clientId` selects a user-assigned identity (undefined: the system-assigned one). */
  getToken(resource: string, clientId: string | undefined): MaybePromise<AccessToken>;
}
