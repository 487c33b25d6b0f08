import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Jwt } from '../../../src/policies/access/jwt/jwt-object.ts';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';
import { openIdProvider, rsa, rsaJwk, SECRET, signAsymmetric, signHs } from './jwt-support.ts';

const doc = (policy: string) => `<policies><inbound>${policy}${PROBE}</inbound><backend /><outbound /><on-error>${PROBE}</on-error></policies>`;
const NOW = Date.UTC(2026, 0, 1) / 1000;
const claims = (extra: Record<string, unknown> = {}) => ({ iss: 'contoso.com', aud: 'apimx.local', exp: NOW + 600, group: ['logistics'], sub: 'ada', ...extra });

const T37 = `<validate-jwt header-name="Authorization" require-scheme="Bearer" output-token-variable-name="jwt">
  <issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys>
  <audiences><audience>apimx.local</audience></audiences>
  <issuers><issuer>contoso.com</issuer></issuers>
  <required-claims><claim name="group" match="any"><value>finance</value><value>logistics</value></claim></required-claims>
</validate-jwt>`;

function setup(policy: string) {
  const { policies, seen } = probePolicies();
  const h = harness(doc(policy), { policies });
  return {
    h,
    seen,
    async send(token: string | null, headers: Record<string, string> = {}) {
      const response = await h.send({ headers: token === null ? headers : { Authorization: `Bearer ${token}`, ...headers } });
      const ctx = seen[seen.length - 1]!;
      return { response, ctx, body: response.text ? (JSON.parse(response.text) as { statusCode: number; message: string }) : null };
    },
  };
}

describe('validate-jwt', () => {
  it('T37 validate-jwt: a valid token passes and the Jwt lands in the variable; missing/invalid → 401', async () => {
    const t = setup(T37);
    const ok = await t.send(signHs(claims()));
    expect(ok.response.status).toBe(200);
    const jwt = ok.ctx.Variables.get('jwt') as Jwt;
    expect(ok.ctx.Variables.typeOf('jwt')).toBe('Jwt');
    expect(jwt.Claims.get('group')).toEqual(['logistics']);
    expect([jwt.Issuer, jwt.Subject, jwt.Audiences, jwt.Algorithm]).toEqual(['contoso.com', 'ada', ['apimx.local'], 'HS256']);
    expect(jwt.ExpirationTime?.getTime()).toBe((NOW + 600) * 1000);
    const missing = await t.send(null);
    expect(missing.response.status).toBe(401);
    expect(missing.body).toEqual({ statusCode: 401, message: 'JWT not present.' });
    expect(missing.ctx.LastError).toMatchObject({ Source: 'validate-jwt', Reason: 'TokenNotPresent' });
    const forged = await t.send(signHs(claims(), 'HS256', Buffer.from('another key entirely, 32 bytes long').toString('base64')));
    expect(forged.response.status).toBe(401);
    expect(forged.ctx.LastError?.Reason).toBe('TokenSignatureInvalid');
  });

  it('T37 validate-jwt: the group claim must be finance or logistics (match="any")', async () => {
    const t = setup(T37);
    expect((await t.send(signHs(claims({ group: ['finance', 'other'] })))).response.status).toBe(200);
    const wrong = await t.send(signHs(claims({ group: 'sales' })));
    expect(wrong.response.status).toBe(401);
    expect(wrong.ctx.LastError).toMatchObject({ Reason: 'TokenClaimValueNotAllowed', Message: 'Claim group value of sales is not allowed. Access denied.' });
    const none = await t.send(signHs(claims({ group: undefined })));
    expect(none.ctx.LastError).toMatchObject({ Reason: 'TokenClaimNotFound', Message: 'JWT is missing the following claims: group. Access denied.' });
  });

  it('require-scheme: a token without the Bearer scheme is not present', async () => {
    const t = setup(T37);
    const response = await t.h.send({ headers: { Authorization: signHs(claims()) } });
    expect(response.status).toBe(401);
    expect(JSON.parse(response.text).message).toBe('JWT not present.');
  });

  it('audience, issuer and lifetime failures carry their reasons; clock-skew widens the lifetime', async () => {
    const t = setup(T37);
    const aud = await t.send(signHs(claims({ aud: ['other', 'another'] })));
    expect(aud.ctx.LastError?.Reason).toBe('TokenAudienceNotAllowed');
    expect(aud.ctx.LastError?.Message).toMatch(/^IDX10214: Audience validation failed\. Audiences: 'other, another'\..* Access denied\.$/);
    expect((await t.send(signHs(claims({ aud: ['other', 'apimx.local'] })))).response.status).toBe(200);
    expect((await t.send(signHs(claims({ iss: 'evil.com' })))).ctx.LastError?.Reason).toBe('TokenIssuerNotAllowed');
    const expired = await t.send(signHs(claims({ exp: NOW - 1 })));
    expect(expired.ctx.LastError?.Reason).toBe('TokenExpired');
    expect(expired.ctx.LastError?.Message).toContain("ValidTo: '2025-12-31T23:59:59.000Z'");
    expect((await t.send(signHs(claims({ exp: undefined })))).ctx.LastError).toMatchObject({ Reason: 'JwtInvalid' });
    expect((await t.send(signHs(claims({ nbf: NOW + 60 })))).ctx.LastError?.Message).toMatch(/^IDX10222/);

    const skewed = setup(T37.replace('output-token-variable-name="jwt"', 'clock-skew="30" require-expiration-time="false"'));
    expect((await skewed.send(signHs(claims({ exp: NOW - 20 })))).response.status).toBe(200);
    expect((await skewed.send(signHs(claims({ exp: NOW - 30 })))).response.status).toBe(401);
    expect((await skewed.send(signHs(claims({ exp: undefined })))).response.status).toBe(200);
    // The injected clock decides: 10 minutes later the token is expired.
    const token = signHs(claims());
    expect((await t.send(token)).response.status).toBe(200);
    t.h.clock.advance(600_000);
    expect((await t.send(token)).ctx.LastError?.Reason).toBe('TokenExpired');
  });

  it('HS384 and HS512; unsigned tokens are refused unless require-signed-tokens="false"; malformed tokens are JwtInvalid', async () => {
    const t = setup(T37);
    expect((await t.send(signHs(claims(), 'HS384'))).response.status).toBe(200);
    expect((await t.send(signHs(claims(), 'HS512'))).response.status).toBe(200);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims())).toString('base64url')}.`;
    expect((await t.send(unsigned)).ctx.LastError).toMatchObject({ Reason: 'TokenSignatureInvalid' });
    const lax = setup(T37.replace('output-token-variable-name="jwt"', 'require-signed-tokens="false"'));
    expect((await lax.send(unsigned)).response.status).toBe(200);
    const garbage = await t.send('not-a-jwt');
    expect(garbage.ctx.LastError).toMatchObject({ Reason: 'JwtInvalid', Message: 'IDX12741: JWT must have three segments (JWS) or five segments (JWE).' });
    expect((await t.send('a.b.c')).ctx.LastError?.Reason).toBe('JwtInvalid');
  });

  it('failed-validation-httpcode and failed-validation-error-message shape the answer', async () => {
    const t = setup('<validate-jwt header-name="x-token" failed-validation-httpcode="403" failed-validation-error-message="Unauthorized. Access token is missing or invalid."><issuer-signing-keys><key>' + SECRET + '</key></issuer-signing-keys></validate-jwt>');
    const refused = await t.send(null, { 'x-token': 'junk' });
    expect(refused.response.status).toBe(403);
    expect(refused.body).toEqual({ statusCode: 403, message: 'Unauthorized. Access token is missing or invalid.' });
    expect(refused.ctx.LastError?.Message).toMatch(/^IDX12741/);
    expect((await t.send(null, { 'x-token': signHs(claims()) })).response.status).toBe(200);
  });

  it('query-parameter-name and separator-split claims (match="all")', async () => {
    const t = setup(`<validate-jwt query-parameter-name="access_token"><issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys>
      <required-claims><claim name="scp" separator=" "><value>read</value><value>write</value></claim></required-claims></validate-jwt>`);
    const send = (scp: string) => t.h.send({ url: `https://apimx.local/api/op?access_token=${signHs(claims({ scp }))}` });
    expect((await send('read write admin')).status).toBe(200);
    expect((await send('read')).status).toBe(401);
  });

  it('RS256/RS512/PS256 with an n/e key; the key id must match the kid when both are given', async () => {
    const t = setup(`<validate-jwt header-name="Authorization"><issuer-signing-keys><key id="k1" n="${rsaJwk.n}" e="${rsaJwk.e}" /></issuer-signing-keys></validate-jwt>`);
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS512']) {
      expect((await t.send(signAsymmetric(claims(), alg, rsa.privateKey, 'k1'))).response.status, alg).toBe(200);
    }
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    expect((await t.send(signAsymmetric(claims(), 'RS256', other.privateKey, 'k1'))).ctx.LastError?.Reason).toBe('TokenSignatureInvalid');
    // An HS token has no usable key here.
    expect((await t.send(signHs(claims()))).ctx.LastError?.Reason).toBe('TokenSignatureKeyNotFound');
  });

  it('openid-config: keys and issuer come from the discovery document, cached; an unknown kid refetches at most every 5 minutes', async () => {
    let published = [{ ...rsaJwk, kty: 'RSA', kid: 'one', use: 'sig' }];
    const idp = await openIdProvider(() => published, (base) => `${base}/{tenantid}/v2.0`);
    const t = setup(`<validate-jwt header-name="Authorization"><openid-config url="${idp.discovery}" /><audiences><audience>https://azure-api.net/authorization-manager</audience></audiences></validate-jwt>`);
    const payload = (extra: Record<string, unknown> = {}) => claims({ aud: 'https://azure-api.net/authorization-manager', iss: `${idp.base}/t1/v2.0`, tid: 't1', ...extra });
    expect((await t.send(signAsymmetric(payload(), 'RS256', rsa.privateKey, 'one'))).response.status).toBe(200);
    expect((await t.send(signAsymmetric(payload(), 'RS256', rsa.privateKey, 'one'))).response.status).toBe(200);
    expect(idp.fetches()).toBe(1);
    expect((await t.send(signAsymmetric(payload({ iss: 'https://elsewhere/t1/v2.0' }), 'RS256', rsa.privateKey, 'one'))).ctx.LastError?.Reason).toBe('TokenIssuerNotAllowed');
    // The provider rotates to kid "two": within 5 minutes of the last fetch it is not refetched.
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    published = [{ ...(other.publicKey.export({ format: 'jwk' }) as { n: string; e: string }), kty: 'RSA', kid: 'two', use: 'sig' }];
    const rotated = signAsymmetric(payload(), 'RS256', other.privateKey, 'two');
    expect((await t.send(rotated)).ctx.LastError?.Reason).toBe('TokenSignatureInvalid');
    t.h.clock.advance(5 * 60_000);
    expect((await t.send(rotated)).response.status).toBe(200);
    expect(idp.fetches()).toBe(2);
  });

  it('an unreachable openid-config is TokenSignatureKeyNotFound, not a crash', async () => {
    const t = setup('<validate-jwt header-name="Authorization"><openid-config url="http://127.0.0.1:1/.well-known/openid-configuration" /></validate-jwt>');
    const refused = await t.send(signAsymmetric(claims(), 'RS256', rsa.privateKey, 'x'));
    expect(refused.response.status).toBe(401);
    expect(refused.ctx.LastError?.Reason).toBe('TokenSignatureKeyNotFound');
  });

  it('ES256 keys from a JWKS', async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const idp = await openIdProvider(() => [{ ...(ec.publicKey.export({ format: 'jwk' }) as object), kid: 'ec1' }], () => 'contoso.com');
    const t = setup(`<validate-jwt header-name="Authorization"><openid-config url="${idp.discovery}" /></validate-jwt>`);
    expect((await t.send(signAsymmetric(claims(), 'ES256', ec.privateKey, 'ec1'))).response.status).toBe(200);
  });

  it('certificate-id keys are refused at load with a clear message', () => {
    expect(() => harness(doc('<validate-jwt header-name="Authorization"><issuer-signing-keys><key certificate-id="c1" /></issuer-signing-keys></validate-jwt>'))).toThrow(/certificate-id/);
  });
});
