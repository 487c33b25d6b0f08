import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';
import { openIdProvider, rsa, rsaJwk, signAsymmetric, signHs } from './jwt-support.ts';

const NOW = Date.UTC(2026, 0, 1) / 1000;
const TENANT = '11111111-2222-3333-4444-555555555555';

async function setup(inner: string, attributes = '') {
  const idp = await openIdProvider(() => [{ ...rsaJwk, kty: 'RSA', kid: 'k', use: 'sig' }], (base) => `${base}/${TENANT}/v2.0`);
  const { policies, seen } = probePolicies();
  const h = harness(
    `<policies><inbound><validate-azure-ad-token tenant-id="${TENANT}" authentication-endpoint="${idp.base}" ${attributes}>${inner}</validate-azure-ad-token>${PROBE}</inbound><backend /><outbound /><on-error>${PROBE}</on-error></policies>`,
    { policies },
  );
  const claims = (extra: Record<string, unknown> = {}) => ({ iss: `${idp.base}/${TENANT}/v2.0`, aud: 'https://cognitiveservices.azure.com', exp: NOW + 600, tid: TENANT, azp: 'app-1', oid: 'user-1', ...extra });
  return {
    claims,
    async send(token: string) {
      const response = await h.send({ headers: { Authorization: `Bearer ${token}` } });
      return { response, ctx: seen[seen.length - 1]! };
    },
  };
}

describe('validate-azure-ad-token', () => {
  it('accepts a token signed by the tenant keys for a listed audience, v2 and v1 issuers; stores the Jwt', async () => {
    const t = await setup('<audiences><audience>https://cognitiveservices.azure.com</audience></audiences>', 'output-token-variable-name="jwt"');
    const ok = await t.send(signAsymmetric(t.claims(), 'RS256', rsa.privateKey, 'k'));
    expect(ok.response.status).toBe(200);
    expect((ok.ctx.Variables.get('jwt') as { Claims: Map<string, string[]> }).Claims.get('oid')).toEqual(['user-1']);
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
});
