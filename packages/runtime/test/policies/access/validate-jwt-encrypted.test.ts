// validate-jwt with <decryption-keys>: encrypted tokens (JWE) with the content encryptions APIM documents
// (A128CBC-HS256, A192CBC-HS384, A256CBC-HS512) and a symmetric key, direct or wrapping the content key.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptJwe } from '../../../src/policies/access/jwt/jwe.ts';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';
import { encryptJwe, SECRET, signHs } from './jwt-support.ts';

const NOW = Date.UTC(2026, 0, 1) / 1000;
const claims = (extra: Record<string, unknown> = {}) => ({ iss: 'contoso.com', aud: 'apimx.local', exp: NOW + 600, sub: 'ada', ...extra });
const b64 = (bytes: Buffer) => bytes.toString('base64');

function setup(decryptionKeys: string, extra = '') {
  const { policies, seen } = probePolicies();
  const h = harness(
    `<policies><inbound><validate-jwt header-name="Authorization" output-token-variable-name="jwt" ${extra}>
      <issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys>
      <decryption-keys>${decryptionKeys}</decryption-keys>
      <issuers><issuer>contoso.com</issuer></issuers>
    </validate-jwt>${PROBE}</inbound><backend /><outbound /><on-error>${PROBE}</on-error></policies>`,
    { policies },
  );
  return async (token: string) => {
    const response = await h.send({ headers: { Authorization: `Bearer ${token}` } });
    return { response, ctx: seen[seen.length - 1]! };
  };
}

describe('validate-jwt decryption-keys', () => {
  it('decrypts RFC 7516 appendix A.3 (A128KW + A128CBC-HS256) to its plaintext', () => {
    const token = [
      'eyJhbGciOiJBMTI4S1ciLCJlbmMiOiJBMTI4Q0JDLUhTMjU2In0',
      '6KB707dM9YTIgHtLvtgWQ8mKwboJW3of9locizkDTHzBC2IlrT1oOQ',
      'AxY8DCtDaGlsbGljb3RoZQ',
      'KDlTtXchhZTGufMYmOYGS4HffxPSUrfmqCHXaI9wOGY',
      'U0m_YmjN04DJvceFICbCVQ',
    ];
    expect(decryptJwe(token, [{ id: null, bytes: Buffer.from('GawgguFyGrWKav7AX4VKUg', 'base64url') }])).toBe('Live long and prosper.');
    // One flipped bit of the tag: no key decrypts it.
    const tampered = [...token.slice(0, 4), 'U0m_YmjN04DJvceFICbCVA'];
    expect(() => decryptJwe(tampered, [{ id: null, bytes: Buffer.from('GawgguFyGrWKav7AX4VKUg', 'base64url') }])).toThrow(/IDX10603: Decryption failed/);
  });

  it('dir, A128KW, A192KW, A256KW with each documented content encryption; the inner token is then validated', async () => {
    const cases = [
      { alg: 'dir', enc: 'A128CBC-HS256', bytes: 32 },
      { alg: 'dir', enc: 'A256CBC-HS512', bytes: 64 },
      { alg: 'A128KW', enc: 'A128CBC-HS256', bytes: 16 },
      { alg: 'A192KW', enc: 'A192CBC-HS384', bytes: 24 },
      { alg: 'A256KW', enc: 'A256CBC-HS512', bytes: 32 },
    ];
    for (const { alg, enc, bytes } of cases) {
      const key = randomBytes(bytes);
      const send = setup(`<key>${b64(key)}</key>`);
      const ok = await send(encryptJwe(signHs(claims()), key, { alg, enc }));
      expect(ok.response.status, `${alg} ${enc}`).toBe(200);
      // The variable holds the inner token's claims, readable as any Jwt.
      expect(ok.ctx.Variables.typeOf('jwt')).toBe('Jwt');
      // The inner token is validated like any other: a wrong issuer is refused after decryption.
      const wrongIssuer = await send(encryptJwe(signHs(claims({ iss: 'evil.com' })), key, { alg, enc }));
      expect(wrongIssuer.ctx.LastError?.Reason, `${alg} ${enc}`).toBe('TokenIssuerNotAllowed');
      // And its signature too.
      const forged = await send(encryptJwe(signHs(claims(), 'HS256', b64(randomBytes(32))), key, { alg, enc }));
      expect(forged.ctx.LastError?.Reason, `${alg} ${enc}`).toBe('TokenSignatureInvalid');
    }
  });

  it('a compressed plaintext (zip DEF) is inflated', async () => {
    const key = randomBytes(32);
    const send = setup(`<key>${b64(key)}</key>`);
    expect((await send(encryptJwe(signHs(claims()), key, { alg: 'A256KW', enc: 'A128CBC-HS256', zip: true }))).response.status).toBe(200);
  });

  it('every key is tried, or the one whose id is the kid; no key that decrypts → 401 JwtInvalid', async () => {
    const first = randomBytes(32);
    const second = randomBytes(32);
    const send = setup(`<key id="one">${b64(first)}</key><key id="two">${b64(second)}</key>`);
    expect((await send(encryptJwe(signHs(claims()), second, { alg: 'A256KW', enc: 'A128CBC-HS256' }))).response.status).toBe(200);
    expect((await send(encryptJwe(signHs(claims()), second, { alg: 'A256KW', enc: 'A128CBC-HS256', kid: 'two' }))).response.status).toBe(200);
    // kid "one" picks the first key alone, which does not decrypt a token made with the second.
    const picked = await send(encryptJwe(signHs(claims()), second, { alg: 'A256KW', enc: 'A128CBC-HS256', kid: 'one' }));
    expect(picked.response.status).toBe(401);
    expect(picked.ctx.LastError).toMatchObject({ Source: 'validate-jwt', Reason: 'JwtInvalid' });
    expect(picked.ctx.LastError?.Message).toMatch(/^IDX10603: Decryption failed\. Keys tried: 1\. kid: 'one'\./);
    const stranger = await send(encryptJwe(signHs(claims()), randomBytes(32), { alg: 'A256KW', enc: 'A128CBC-HS256' }));
    expect(stranger.ctx.LastError?.Message).toMatch(/^IDX10603: Decryption failed\. Keys tried: 2\./);
  });

  it('unsupported algorithms and an encrypted token without decryption-keys are JwtInvalid with a clear message', async () => {
    const key = randomBytes(32);
    const send = setup(`<key>${b64(key)}</key>`);
    const gcm = `${Buffer.from(JSON.stringify({ alg: 'dir', enc: 'A256GCM' })).toString('base64url')}..AAAA.AAAA.AAAA`;
    expect((await send(gcm)).ctx.LastError).toMatchObject({ Reason: 'JwtInvalid', Message: expect.stringMatching(/Encryption algorithm 'A256GCM' is not supported/) });
    const rsaOaep = `${Buffer.from(JSON.stringify({ alg: 'RSA-OAEP', enc: 'A128CBC-HS256' })).toString('base64url')}.AAAA.AAAA.AAAA.AAAA`;
    expect((await send(rsaOaep)).ctx.LastError?.Message).toMatch(/Key management algorithm 'RSA-OAEP' is not supported/);

    const { policies, seen } = probePolicies();
    const plain = harness(`<policies><inbound><validate-jwt header-name="Authorization"><issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys></validate-jwt>${PROBE}</inbound><on-error>${PROBE}</on-error></policies>`, { policies });
    const response = await plain.send({ headers: { Authorization: `Bearer ${encryptJwe(signHs(claims()), key, { alg: 'dir', enc: 'A128CBC-HS256' })}` } });
    expect(response.status).toBe(401);
    expect(seen[seen.length - 1]!.LastError?.Message).toMatch(/^IDX10609: Decryption failed\. No Keys tried: the token is encrypted \(JWE\) and the policy has no <decryption-keys>/);
  });

  it('a decrypted payload that is not a signed token is JwtInvalid', async () => {
    const key = randomBytes(32);
    const send = setup(`<key>${b64(key)}</key>`);
    // A bare claims set (no dots in it) where a nested JWS belongs.
    expect((await send(encryptJwe(JSON.stringify({ sub: 'ada' }), key, { alg: 'dir', enc: 'A128CBC-HS256' }))).ctx.LastError?.Message).toMatch(/does not hold a JWT with three segments/);
  });

  it('RSA decryption keys cannot work and are refused at load: n/e is a public key; certificate-id needs a certificate store', () => {
    const policy = (key: string) => `<policies><inbound><validate-jwt header-name="Authorization">\n<decryption-keys>\n${key}\n</decryption-keys></validate-jwt></inbound></policies>`;
    expect(() => harness(policy('<key n="abc" e="AQAB" />'))).toThrow(/^operation\.xml:3:1: validate-jwt: a decryption key given as n and e is an RSA public key, which cannot decrypt a token; decryption with an RSA private key \(certificate-id\) is not supported yet/);
    expect(() => harness(policy('<key certificate-id="my-cert" />'))).toThrow(/^operation\.xml:3:1: validate-jwt: certificate-id keys are not supported yet/);
    expect(() =>
      harness(`<policies><inbound><validate-azure-ad-token tenant-id="t">\n<decryption-keys><key certificate-id="c" /></decryption-keys></validate-azure-ad-token></inbound></policies>`),
    ).toThrow(/^operation\.xml:2:18: validate-azure-ad-token: certificate-id keys are not supported yet/);
  });
});
