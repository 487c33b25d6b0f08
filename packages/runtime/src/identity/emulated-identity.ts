// An emulated managed identity (see identity.ts): unsigned JWTs shaped like Entra v1 access tokens, cached per
// (resource, client id) until five minutes before they expire, as the gateway caches real ones.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import type { AccessToken, IdentityProvider } from './identity.ts';

export interface EmulatedIdentityOptions {
  clock: Clock;
  tenantId?: string;
  /** Object id of the system-assigned identity. */
  principalId?: string;
  /** Token lifetime in seconds; default 3600. */
  lifetimeSeconds?: number;
}

const RENEW_BEFORE_MS = 5 * 60_000;

export class EmulatedIdentity implements IdentityProvider {
  readonly tenantId: string;
  readonly principalId: string;
  private readonly tokens = new Map<string, AccessToken>();

  constructor(private readonly options: EmulatedIdentityOptions) {
    this.tenantId = options.tenantId ?? '00000000-0000-0000-0000-000000000000';
    this.principalId = options.principalId ?? randomUUID();
  }

  getToken(resource: string, clientId: string | undefined): AccessToken {
    const key = `${resource}\u0000${clientId ?? ''}`;
    const now = this.options.clock.now();
    const cached = this.tokens.get(key);
    if (cached && cached.expiresOn - RENEW_BEFORE_MS > now) return cached;
    const issued = Math.floor(now / 1000);
    const expires = issued + (this.options.lifetimeSeconds ?? 3600);
    const appId = clientId ?? this.principalId;
    const payload = {
      aud: resource,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      iat: issued,
      nbf: issued,
      exp: expires,
      appid: appId,
      oid: clientId ?? this.principalId,
      sub: clientId ?? this.principalId,
      tid: this.tenantId,
      idtyp: 'app',
      apimx_emulated: true,
    };
    const token = `${encode({ typ: 'JWT', alg: 'none' })}.${encode(payload)}.`;
    const result = { token, expiresOn: expires * 1000 };
    this.tokens.set(key, result);
    return result;
  }
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
