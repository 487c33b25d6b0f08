import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
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
  it('T37: the documented policy end to end: 401 without a valid token, 403 for a POST by a non-finance member', async () => {
    // Verbatim from validate-jwt-policy.md ("Authorize access to operations based on token claims").
    const documented = `<policies><inbound>
      <validate-jwt header-name="Authorization" require-scheme="Bearer" output-token-variable-name="jwt">
        <issuer-signing-keys><key>{{jwt-signing-key}}</key></issuer-signing-keys>
        <audiences><audience>@(context.Request.OriginalUrl.Host)</audience></audiences>
        <issuers><issuer>contoso.com</issuer></issuers>
        <required-claims><claim name="group" match="any"><value>finance</value><value>logistics</value></claim></required-claims>
      </validate-jwt>
      <choose>
        <when condition="@(context.Request.Method == "POST" && !((Jwt)context.Variables["jwt"]).Claims["group"].Contains("finance"))">
          <return-response><set-status code="403" reason="Forbidden" /></return-response>
        </when>
      </choose>
    </inbound><backend /><outbound /></policies>`;
    const h = harness(documented, { namedValues: { 'jwt-signing-key': SECRET } });
    const send = (method: string, token: string | null) => h.send({ method, headers: token === null ? {} : { Authorization: `Bearer ${token}` } });
    const logistics = signHs(claims({ group: ['logistics'] }));
    const finance = signHs(claims({ group: ['finance'] }));
    const postByLogistics = await send('POST', logistics);
    expect([postByLogistics.status, postByLogistics.reason]).toEqual([403, 'Forbidden']);
    expect((await send('POST', finance)).status).toBe(200);
    expect((await send('GET', logistics)).status).toBe(200);
    const missing = await send('POST', null);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text)).toEqual({ statusCode: 401, message: 'JWT not present.' });
    expect((await send('POST', signHs(claims({ group: ['sales'] })))).status).toBe(401);
    // The audience is the gateway's own host name.
    expect((await h.send({ method: 'GET', url: 'https://elsewhere.example/api/op', headers: { Authorization: `Bearer ${finance}` } })).status).toBe(401);
  });

  it('T37 validate-jwt: output-token-variable-name holds the Jwt that expressions read (cast, GetValueOrDefault<Jwt>, AsJwt)', async () => {
    const h = harness(doc(`${T37}<return-response>
      <set-header name="x-subject" exists-action="override"><value>@(((Jwt)context.Variables["jwt"]).Subject)</value></set-header>
      <set-header name="x-group" exists-action="override"><value>@(context.Variables.GetValueOrDefault<Jwt>("jwt").Claims.GetValueOrDefault("group", "none"))</value></set-header>
      <set-header name="x-audiences" exists-action="override"><value>@(string.Join("|", context.Variables.GetValueOrDefault<Jwt>("jwt").Audiences))</value></set-header>
      <set-header name="x-issuer-alg" exists-action="override"><value>@{ var jwt = (Jwt)context.Variables["jwt"]; return jwt.Issuer + "/" + jwt.Algorithm + "/" + jwt.Type; }</value></set-header>
      <set-header name="x-expires" exists-action="override"><value>@(((Jwt)context.Variables["jwt"]).ExpirationTime.Value.ToString("o"))</value></set-header>
      <set-header name="x-same-as-asjwt" exists-action="override"><value>@(((Jwt)context.Variables["jwt"]).Id == context.Request.Headers.GetValueOrDefault("Authorization", "").AsJwt().Id)</value></set-header>
    </return-response>`));
    const response = await h.send({ headers: { Authorization: `Bearer ${signHs(claims({ group: ['logistics', 'finance'], jti: 'token-1' }))}` } });
    expect(response.status).toBe(200);
    expect(response.header('x-subject')).toBe('ada');
    expect(response.header('x-group')).toBe('logistics,finance');
    expect(response.header('x-audiences')).toBe('apimx.local');
    expect(response.header('x-issuer-alg')).toBe('contoso.com/HS256/JWT');
    expect(response.header('x-expires')).toBe('2026-01-01T00:10:00.0000000Z');
    expect(response.header('x-same-as-asjwt')).toBe('True');
  });

  it('T37 validate-jwt: missing or forged tokens → 401 with their reasons', async () => {
    const t = setup(T37);
    const ok = await t.send(signHs(claims()));
    expect(ok.response.status).toBe(200);
    expect(ok.ctx.Variables.typeOf('jwt')).toBe('Jwt');
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

  it('RS256/RS384/RS512/PS256/PS512 with an n/e key', async () => {
    const t = setup(`<validate-jwt header-name="Authorization"><issuer-signing-keys><key id="k1" n="${rsaJwk.n}" e="${rsaJwk.e}" /></issuer-signing-keys></validate-jwt>`);
    for (const alg of ['RS256', 'RS384', 'RS512', 'PS256', 'PS512']) {
      expect((await t.send(signAsymmetric(claims(), alg, rsa.privateKey, 'k1'))).response.status, alg).toBe(200);
    }
    // An HS token has no usable key here.
    expect((await t.send(signHs(claims()))).ctx.LastError?.Reason).toBe('TokenSignatureKeyNotFound');
  });

  it('kid: the key with that id alone is tried; a kid no key has falls back to every key (IdentityModel), failing as key-not-found', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const otherJwk = other.publicKey.export({ format: 'jwk' }) as { n: string; e: string };
    const t = setup(`<validate-jwt header-name="Authorization" require-expiration-time="false"><issuer-signing-keys>
      <key id="k1" n="${rsaJwk.n}" e="${rsaJwk.e}" />
      <key id="k2" n="${otherJwk.n}" e="${otherJwk.e}" />
    </issuer-signing-keys></validate-jwt>`);
    expect((await t.send(signAsymmetric(claims(), 'RS256', rsa.privateKey, 'k1'))).response.status).toBe(200);
    expect((await t.send(signAsymmetric(claims(), 'RS256', other.privateKey, 'k2'))).response.status).toBe(200);
    // The kid names k1 but k2's private key signed: only k1 is tried, and it does not verify.
    const wrongKey = await t.send(signAsymmetric(claims(), 'RS256', other.privateKey, 'k1'));
    expect(wrongKey.ctx.LastError).toMatchObject({ Reason: 'TokenSignatureInvalid' });
    expect(wrongKey.ctx.LastError?.Message).toMatch(/^IDX10511: Signature validation failed\. Keys tried: 1\. kid: 'k1'\./);
    // A kid that no key has: every key is tried (token rollover), so a token signed by one of them passes...
    expect((await t.send(signAsymmetric(claims(), 'RS256', rsa.privateKey, 'k9'))).response.status).toBe(200);
    // ...and one that none verifies is TokenSignatureKeyNotFound.
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const unknown = await t.send(signAsymmetric(claims(), 'RS256', stranger.privateKey, 'k9'));
    expect(unknown.ctx.LastError).toMatchObject({ Reason: 'TokenSignatureKeyNotFound' });
    expect(unknown.ctx.LastError?.Message).toMatch(/^IDX10501: Signature validation failed\. Unable to match key: kid: 'k9'\. Keys tried: 2\./);
    // No kid at all: every key is tried; none verifying is TokenSignatureInvalid.
    expect((await t.send(signAsymmetric(claims(), 'RS256', other.privateKey))).response.status).toBe(200);
    expect((await t.send(signAsymmetric(claims(), 'RS256', stranger.privateKey))).ctx.LastError?.Reason).toBe('TokenSignatureInvalid');
  });

  it('key id and a symmetric key may be expressions, evaluated per request', async () => {
    const t = setup(`<validate-jwt header-name="Authorization"><issuer-signing-keys>
      <key id="@(context.Request.Headers.GetValueOrDefault(&quot;x-key-id&quot;, &quot;none&quot;))">@(context.Request.Headers.GetValueOrDefault("x-key", ""))</key>
    </issuer-signing-keys></validate-jwt>`);
    const token = signHs(claims(), 'HS256', SECRET, { kid: 'blue' });
    expect((await t.send(token, { 'x-key-id': 'blue', 'x-key': SECRET })).response.status).toBe(200);
    // The id evaluates to "red": no key matches the kid, the one key is tried and verifies (fallback).
    expect((await t.send(token, { 'x-key-id': 'red', 'x-key': SECRET })).response.status).toBe(200);
    const otherSecret = Buffer.from('a different secret that is long enough!!').toString('base64');
    expect((await t.send(token, { 'x-key-id': 'blue', 'x-key': otherSecret })).ctx.LastError?.Reason).toBe('TokenSignatureInvalid');
    expect((await t.send(token, { 'x-key-id': 'red', 'x-key': otherSecret })).ctx.LastError?.Reason).toBe('TokenSignatureKeyNotFound');
  });

  it('n and e do not take expressions (the docs forbid them): refused at load with the position', () => {
    expect(() => harness(doc('<validate-jwt header-name="Authorization"><issuer-signing-keys><key n="@(&quot;abc&quot;)" e="AQAB" /></issuer-signing-keys></validate-jwt>'))).toThrow(
      /operation\.xml:1:\d+: .*n.* does not allow a policy expression/,
    );
  });

  it('token-value: the token comes from an expression (without "Bearer ")', async () => {
    const t = setup(`<validate-jwt token-value="@(context.Request.Headers.GetValueOrDefault(&quot;x-session&quot;, &quot;&quot;))" output-token-variable-name="jwt">
      <issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys></validate-jwt>`);
    const ok = await t.send(null, { 'x-session': signHs(claims()) });
    expect(ok.response.status).toBe(200);
    expect(ok.ctx.Variables.typeOf('jwt')).toBe('Jwt');
    expect((await t.send(null, {})).ctx.LastError).toMatchObject({ Reason: 'TokenNotPresent', Message: 'JWT not present.' });
    // The Authorization header plays no part.
    expect((await t.send(signHs(claims()))).ctx.LastError?.Reason).toBe('TokenNotPresent');
    const literal = setup(`<validate-jwt token-value="${signHs(claims({ sub: 'fixed' }))}"><issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys></validate-jwt>`);
    expect((await literal.send(null)).response.status).toBe(200);
  });

  it('required-claims: claim name, match and separator may be expressions, evaluated per request', async () => {
    const t = setup(`<validate-jwt header-name="Authorization"><issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys>
      <required-claims>
        <claim name="@(context.Request.Headers.GetValueOrDefault(&quot;x-claim&quot;, &quot;scp&quot;))"
               match="@(context.Request.Headers.GetValueOrDefault(&quot;x-match&quot;, &quot;all&quot;))"
               separator="@(context.Request.Headers.GetValueOrDefault(&quot;x-separator&quot;, &quot; &quot;))">
          <value>read</value><value>write</value>
        </claim>
      </required-claims></validate-jwt>`);
    const token = signHs(claims({ scp: 'read write', roles: 'read;admin' }));
    expect((await t.send(token)).response.status).toBe(200);
    // name="roles": "read;admin" split by " " is one value: neither read nor write.
    expect((await t.send(token, { 'x-claim': 'roles' })).ctx.LastError?.Reason).toBe('TokenClaimValueNotAllowed');
    // split by ";" it holds read but not write: match="all" refuses, match="any" accepts.
    expect((await t.send(token, { 'x-claim': 'roles', 'x-separator': ';' })).ctx.LastError?.Reason).toBe('TokenClaimValueNotAllowed');
    expect((await t.send(token, { 'x-claim': 'roles', 'x-separator': ';', 'x-match': 'any' })).response.status).toBe(200);
    expect((await t.send(token, { 'x-claim': 'tier' })).ctx.LastError).toMatchObject({ Reason: 'TokenClaimNotFound', Message: 'JWT is missing the following claims: tier. Access denied.' });
    // A match that is neither all nor any is an error of the policy, not of the token.
    const bad = await t.send(token, { 'x-match': 'some' });
    expect(bad.response.status).toBe(500);
    expect(bad.ctx.LastError?.Message).toContain('claim match must be "all" or "any", not "some"');
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
    // No cached key has kid "two" and the others do not verify it: the key is not found.
    expect((await t.send(rotated)).ctx.LastError?.Reason).toBe('TokenSignatureKeyNotFound');
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
