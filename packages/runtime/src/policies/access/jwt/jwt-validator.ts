// The checks of validate-jwt and validate-azure-ad-token, in Microsoft.IdentityModel's order: signature, lifetime
// (with clock-skew, on the injected clock), audience, issuer, then required claims. Each failure is a JwtFailure
// with APIM's Reason (spec §5.1).
// [UNCONFIRMED] the Reason for a token that is not yet valid (nbf) or has no exp: the documented list has none, so
// apimx uses JwtInvalid with IdentityModel's IDX10222 / IDX10225 messages.
import type { Clock } from '../../../clock.ts';
import type { RequestContext } from '../../../context/request-context.ts';
import type { MaybePromise } from '../../../stores/maybe-promise.ts';
import { andThen } from '../../../stores/maybe-promise.ts';
import { checkClaims, type ClaimRule } from './required-claims.ts';
import { fail } from './jwt-failure.ts';
import { claimValues, type DecodedJwt } from './jwt-token.ts';
import type { OpenIdConfig, OpenIdSource } from './openid-config.ts';
import type { KeyList } from './policy-keys.ts';
import { fits, isSupportedAlgorithm, verifySignature, type SigningKey } from './signing-key.ts';

export interface JwtRules {
  clock: Clock;
  keys: KeyList<SigningKey>;
  openId: OpenIdSource;
  openIdUrls: (ctx: RequestContext) => readonly string[];
  audiences: (ctx: RequestContext) => readonly string[];
  issuers: (ctx: RequestContext) => readonly string[];
  claims: readonly ClaimRule[];
  requireExpiration: (ctx: RequestContext) => boolean;
  requireSigned: (ctx: RequestContext) => boolean;
  clockSkewSeconds: (ctx: RequestContext) => number;
}

export function validateToken(ctx: RequestContext, rules: JwtRules, token: DecodedJwt): MaybePromise<void> {
  const kid = typeof token.header['kid'] === 'string' ? token.header['kid'] : null;
  return andThen(loadConfigs(rules, ctx, kid), (configs) => {
    checkSignature(ctx, rules, token, kid, configs);
    checkLifetime(ctx, rules, token.payload);
    checkAudience(rules.audiences(ctx), token.payload);
    checkIssuer([...rules.issuers(ctx), ...configs.map((config) => config.issuer).filter((issuer): issuer is string => issuer !== null)], token.payload);
    checkClaims(ctx, rules.claims, token.payload);
  });
}

function loadConfigs(rules: JwtRules, ctx: RequestContext, kid: string | null): MaybePromise<OpenIdConfig[]> {
  const urls = rules.openIdUrls(ctx);
  if (urls.length === 0) return [];
  const loaded = urls.map((url) => rules.openId.get(url, kid));
  if (!loaded.some((config) => config instanceof Promise)) return loaded as OpenIdConfig[];
  return Promise.all(loaded).catch((error: unknown) =>
    fail('TokenSignatureKeyNotFound', `IDX10501: Signature validation failed. Unable to obtain signing keys: ${error instanceof Error ? error.message : String(error)}.`),
  );
}

function checkSignature(ctx: RequestContext, rules: JwtRules, token: DecodedJwt, kid: string | null, configs: readonly OpenIdConfig[]): void {
  const alg = typeof token.header['alg'] === 'string' ? token.header['alg'] : 'none';
  if (alg === 'none' || token.signature.length === 0) {
    if (rules.requireSigned(ctx)) fail('TokenSignatureInvalid', 'IDX10504: Unable to validate signature, token does not have a signature.');
    return;
  }
  if (!isSupportedAlgorithm(alg)) fail('TokenSignatureInvalid', `IDX10511: Signature validation failed. The algorithm '${alg}' is not supported.`);
  const usable = [...rules.keys(ctx), ...configs.flatMap((config) => config.keys)].filter((key) => fits(alg, key));
  // As Microsoft.IdentityModel does by default (TryAllIssuerSigningKeys), which the docs describe ("each key is tried
  // until ... one succeeds"; `id` optionally picks the key for a kid): the key whose id is the token's kid alone,
  // and failing a match every key. A failure then says which case it was: a matched key that does not verify is
  // TokenSignatureInvalid; a kid that no key has, with no other key verifying either, is TokenSignatureKeyNotFound.
  const byId = kid === null ? [] : usable.filter((key) => key.id === kid);
  const candidates = byId.length > 0 ? byId : usable;
  if (candidates.length === 0) {
    fail('TokenSignatureKeyNotFound', `IDX10500: Signature validation failed. No security keys were provided to validate the signature. kid: '${kid ?? ''}'.`);
  }
  if (candidates.some((key) => verifySignature(alg, key, token.signingInput, token.signature))) return;
  if (kid !== null && byId.length === 0) {
    fail('TokenSignatureKeyNotFound', `IDX10501: Signature validation failed. Unable to match key: kid: '${kid}'. Keys tried: ${candidates.length}.`);
  }
  fail('TokenSignatureInvalid', `IDX10511: Signature validation failed. Keys tried: ${candidates.length}. kid: '${kid ?? ''}'.`);
}

function checkLifetime(ctx: RequestContext, rules: JwtRules, payload: Record<string, unknown>): void {
  const now = rules.clock.now();
  const skew = rules.clockSkewSeconds(ctx) * 1000;
  const exp = typeof payload['exp'] === 'number' ? payload['exp'] * 1000 : null;
  const nbf = typeof payload['nbf'] === 'number' ? payload['nbf'] * 1000 : null;
  if (exp === null && rules.requireExpiration(ctx)) fail('JwtInvalid', 'IDX10225: Lifetime validation failed. The token is missing an Expiration Time.');
  if (nbf !== null && nbf > now + skew) {
    fail('JwtInvalid', `IDX10222: Lifetime validation failed. The token is not yet valid. ValidFrom: '${iso(nbf)}', Current time: '${iso(now)}'.`);
  }
  if (exp !== null && exp + skew <= now) {
    fail('TokenExpired', `IDX10223: Lifetime validation failed. The token is expired. ValidTo: '${iso(exp)}', Current time: '${iso(now)}'.`);
  }
}

function checkAudience(valid: readonly string[], payload: Record<string, unknown>): void {
  if (valid.length === 0) return;
  const audiences = claimValues(payload['aud']);
  if (audiences.some((audience) => valid.includes(audience))) return;
  fail('TokenAudienceNotAllowed', `IDX10214: Audience validation failed. Audiences: '${audiences.join(', ')}'. Did not match: validationParameters.ValidAudiences: '${valid.join(', ')}'.`);
}

function checkIssuer(valid: readonly string[], payload: Record<string, unknown>): void {
  if (valid.length === 0) return;
  const issuer = typeof payload['iss'] === 'string' ? payload['iss'] : '';
  // Multi-tenant discovery documents publish https://login.microsoftonline.com/{tenantid}/v2.0.
  const tenant = typeof payload['tid'] === 'string' ? payload['tid'] : '';
  if (valid.some((candidate) => candidate.replace('{tenantid}', tenant) === issuer)) return;
  fail('TokenIssuerNotAllowed', `IDX10205: Issuer validation failed. Issuer: '${issuer}'. Did not match: validationParameters.ValidIssuers: '${valid.join(', ')}'.`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
