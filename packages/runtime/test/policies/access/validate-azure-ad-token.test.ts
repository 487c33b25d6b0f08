import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';
import { openIdProvider, rsa, rsaJwk, signAsymmetric, signHs } from './jwt-support.ts';

const NOW = Date.UTC(2026, 0, 1) / 1000;
const TENANT = '11111111-2222-3333-4444-555555555555';

async function setup(inner: string, attributes = '', after = PROBE) {
  const idp = await openIdProvider(() => [{ ...rsaJwk, kty: 'RSA', kid: 'k', use: 'sig' }], (base) => `${base}/${TENANT}/v2.0`);
  const { policies, seen } = probePolicies();
  const h = harness(
    `<policies><inbound><validate-azure-ad-token tenant-id="${TENANT}" authentication-endpoint="${idp.base}" ${attributes}>${inner}</validate-azure-ad-token>${after}</inbound><backend /><outbound /><on-error>${PROBE}</on-error></policies>`,
    { policies },
  );
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: `${idp.base}/${TENANT}/v2.0`, aud: 'https://cognitiveservices.azure.com', exp: NOW + 600, tid: TENANT, azp: 'app-1', oid: 'user-1', ...extra });
  return {
    claims,
    sign: (extra: Record<string, unknown> = {}) => signAsymmetric(claims(extra), 'RS256', rsa.privateKey, 'k'),
    async send(token: string) {
      const response = await h.send({ headers: { Authorization: `Bearer ${token}` } });
      return { response, ctx: seen[seen.length - 1]! };
    },
    async request(request: { url?: string; headers?: Record<string, string> }) {
      const response = await h.send(request);
      return { response, ctx: seen[seen.length - 1]! };
    },
  };
}

describe('validate-azure-ad-token', () => {
  it('accepts a token signed by the tenant keys for a listed audience, v2 and v1 issuers; stores the Jwt', async () => {
    const t = await setup(
      '<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>',
      'output-token-variable-name="jwt"',
      `<set-header name="x-oid" exists-action="override"><value>@(((Jwt)context.Variables["jwt"]).Claims.GetValueOrDefault("oid", "none"))</value></set-header>${PROBE}`,
    );
    const ok = await t.send(signAsymmetric(t.claims(), 'RS256', rsa.privateKey, 'k'));
    expect(ok.response.status).toBe(200);
    expect(ok.ctx.Variables.typeOf('jwt')).toBe('Jwt');
    expect(ok.ctx.Request.Headers.first('x-oid')).toBe('user-1');
    const v1 = await t.send(signAsymmetric(t.claims({ iss: `https://sts.windows.net/${TENANT}/` }), 'RS256', rsa.privateKey, 'k'));
    expect(v1.response.status).toBe(200);
    const otherTenant = await t.send(signAsymmetric(t.claims({ iss: 'https://sts.windows.net/another/' }), 'RS256', rsa.privateKey, 'k'));
    expect(otherTenant.ctx.LastError).toMatchObject({ Source: 'validate-azure-ad-token', Reason: 'TokenIssuerNotAllowed' });
    expect((await t.send(signAsymmetric(t.claims({ aud: 'https://management.azure.com/' }), 'RS256', rsa.privateKey, 'k'))).ctx.LastError?.Reason).toBe('TokenAudienceNotAllowed');
  });

  it('refuses symmetric and unsigned tokens, and expired ones', async () => {
    const t = await setup('<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>');
    expect((await t.send(signHs(t.claims()))).ctx.LastError?.Reason).toBe('TokenSignatureKeyNotFound');
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(t.claims())).toString('base64url')}.`;
    expect((await t.send(unsigned)).ctx.LastError?.Reason).toBe('TokenSignatureInvalid');
    expect((await t.send(signAsymmetric(t.claims({ exp: NOW - 5 }), 'RS256', rsa.privateKey, 'k'))).ctx.LastError?.Reason).toBe('TokenExpired');
  });

  it('client-application-ids: azp (or appid) must be listed', async () => {
    const t = await setup('<client-application-ids><application-id>app-1</application-id></client-application-ids>', 'failed-validation-error-message="Unauthorized"');
    expect((await t.send(signAsymmetric(t.claims(), 'RS256', rsa.privateKey, 'k'))).response.status).toBe(200);
    expect((await t.send(signAsymmetric(t.claims({ azp: undefined, appid: 'app-1' }), 'RS256', rsa.privateKey, 'k'))).response.status).toBe(200);
    const refused = await t.send(signAsymmetric(t.claims({ azp: 'app-2' }), 'RS256', rsa.privateKey, 'k'));
    expect(refused.response.status).toBe(401);
    expect(JSON.parse(refused.response.text)).toEqual({ statusCode: 401, message: 'Unauthorized' });
    expect(refused.ctx.LastError?.Reason).toBe('TokenClientApplicationNotAllowed');
  });

  it('backend-application-ids are accepted audiences, bare or as api://', async () => {
    const t = await setup('<backend-application-ids><application-id>backend-9</application-id></backend-application-ids>');
    expect((await t.send(signAsymmetric(t.claims({ aud: 'api://backend-9' }), 'RS256', rsa.privateKey, 'k'))).response.status).toBe(200);
    expect((await t.send(signAsymmetric(t.claims({ aud: 'backend-8' }), 'RS256', rsa.privateKey, 'k'))).response.status).toBe(401);
  });

  it('header-name: the token is read from that header as it is (require-scheme does not apply to a custom header)', async () => {
    const t = await setup('<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>', 'header-name="x-entra-token"');
    expect((await t.request({ headers: { 'x-entra-token': t.sign() } })).response.status).toBe(200);
    const inAuthorization = await t.request({ headers: { Authorization: `Bearer ${t.sign()}` } });
    expect(inAuthorization.ctx.LastError).toMatchObject({ Reason: 'TokenNotPresent', Message: 'JWT not present.' });
  });

  it('query-parameter-name: the token is read from the query string', async () => {
    const t = await setup('<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>', 'query-parameter-name="access_token"');
    expect((await t.request({ url: `https://apimx.local/api/op?access_token=${t.sign()}` })).response.status).toBe(200);
    expect((await t.request({ url: 'https://apimx.local/api/op' })).ctx.LastError?.Reason).toBe('TokenNotPresent');
  });

  it('token-value: the token is what the expression returns', async () => {
    const t = await setup('<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>', 'token-value="@(context.Request.Headers.GetValueOrDefault(&quot;x-t&quot;, &quot;&quot;))"');
    expect((await t.request({ headers: { 'x-t': t.sign() } })).response.status).toBe(200);
    expect((await t.request({ headers: { Authorization: `Bearer ${t.sign()}` } })).ctx.LastError?.Reason).toBe('TokenNotPresent');
  });

  it('failed-validation-httpcode: the refusal carries that status (and the failure message when none is configured)', async () => {
    const t = await setup('<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>', 'failed-validation-httpcode="403"');
    const refused = await t.send(t.sign({ aud: 'https://management.azure.com/' }));
    expect(refused.response.status).toBe(403);
    const body = JSON.parse(refused.response.text) as { statusCode: number; message: string };
    expect(body.statusCode).toBe(403);
    expect(body.message).toMatch(/^IDX10214: Audience validation failed\..* Access denied\.$/);
    expect((await t.send(t.sign())).response.status).toBe(200);
  });

  it('required-claims: every claim present, values matched all (default) or any', async () => {
    const t = await setup(`<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>
      <required-claims>
        <claim name="roles" match="any"><value>Reader</value><value>Writer</value></claim>
        <claim name="scp" separator=" "><value>chat</value><value>embed</value></claim>
      </required-claims>`);
    expect((await t.send(t.sign({ roles: ['Writer'], scp: 'chat embed other' }))).response.status).toBe(200);
    const missing = await t.send(t.sign({ roles: ['Writer'] }));
    expect(missing.ctx.LastError).toMatchObject({ Reason: 'TokenClaimNotFound', Message: 'JWT is missing the following claims: scp. Access denied.' });
    const partial = await t.send(t.sign({ roles: ['Writer'], scp: 'chat' }));
    expect(partial.ctx.LastError).toMatchObject({ Reason: 'TokenClaimValueNotAllowed', Message: 'Claim scp value of chat is not allowed. Access denied.' });
    expect((await t.send(t.sign({ roles: ['Admin'], scp: 'chat embed' }))).ctx.LastError?.Reason).toBe('TokenClaimValueNotAllowed');
  });
});
