// Test support: tokens signed with node:crypto (HS*, RS*, PS*, ES*), and an OpenID provider on loopback.
import { constants, createHmac, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { afterEach } from 'vitest';
import { startServer, type TestServer } from '../../http/test-server.ts';

export const SECRET = Buffer.from('apimx-test-secret-with-enough-bytes-for-hs512!!').toString('base64');

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function signHs(payload: Record<string, unknown>, alg = 'HS256', secret = SECRET, header: Record<string, unknown> = {}): string {
  const input = `${b64({ alg, typ: 'JWT', ...header })}.${b64(payload)}`;
  const hash = `sha${alg.slice(2)}`;
  return `${input}.${createHmac(hash, Buffer.from(secret, 'base64')).update(input).digest('base64url')}`;
}

export function signAsymmetric(payload: Record<string, unknown>, alg: string, key: KeyObject, kid?: string): string {
  const input = `${b64({ alg, typ: 'JWT', ...(kid ? { kid } : {}) })}.${b64(payload)}`;
  const hash = `sha${alg.slice(2)}`;
  const options =
    alg.startsWith('PS') ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : alg.startsWith('ES') ? { key, dsaEncoding: 'ieee-p1363' as const }
    : key;
  return `${input}.${sign(hash, Buffer.from(input), options).toString('base64url')}`;
}

export const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const rsaJwk = rsa.publicKey.export({ format: 'jwk' }) as { n: string; e: string };

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** An OpenID provider: discovery at /<tenant>/v2.0/.well-known/openid-configuration (and /openid), keys at /keys. */
export async function openIdProvider(keys: () => object[], issuer: (base: string) => string): Promise<{ base: string; fetches: () => number; discovery: string }> {
  let fetches = 0;
  let base = '';
  const server = await startServer((req, res) => {
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/keys') {
      fetches++;
      res.end(JSON.stringify({ keys: keys() }));
    } else if (req.url?.endsWith('openid-configuration')) {
      res.end(JSON.stringify({ issuer: issuer(base), jwks_uri: `${base}/keys` }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  servers.push(server);
  base = server.url;
  return { base, fetches: () => fetches, discovery: `${base}/common/.well-known/openid-configuration` };
}
