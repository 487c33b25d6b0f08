// The `Jwt` that output-token-variable-name stores (APIM's Jwt type: Id, Algorithm, Issuer, Subject, Type,
// Audiences, NotBefore, ExpirationTime, Claims as a dictionary of string arrays).
import { claimValues, type DecodedJwt } from './jwt-token.ts';

export class Jwt {
  readonly Id: string | null;
  readonly Algorithm: string | null;
  readonly Issuer: string | null;
  readonly Subject: string | null;
  readonly Type: string | null;
  readonly Audiences: readonly string[];
  /** null when the token has no `nbf` / `exp`. */
  readonly NotBefore: Date | null;
  readonly ExpirationTime: Date | null;
  readonly Claims: ReadonlyMap<string, string[]>;
  /** The token text. */
  readonly raw: string;

  constructor(token: DecodedJwt) {
    const { header, payload } = token;
    const text = (value: unknown) => (typeof value === 'string' ? value : null);
    const time = (value: unknown) => (typeof value === 'number' ? new Date(value * 1000) : null);
    this.Id = text(payload['jti']);
    this.Algorithm = text(header['alg']);
    this.Issuer = text(payload['iss']);
    this.Subject = text(payload['sub']);
    this.Type = text(header['typ']);
    this.Audiences = claimValues(payload['aud']);
    this.NotBefore = time(payload['nbf']);
    this.ExpirationTime = time(payload['exp']);
    this.Claims = new Map(Object.entries(payload).map(([name, value]) => [name, claimValues(value)]));
    this.raw = token.raw;
  }
}
