// Test support: tokens signed with node:crypto (HS*, RS*, PS*, ES*), and an OpenID provider on loopback.
import { constants, createCipheriv, createHmac, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
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

const CBC: Record<string, { bytes: number; hash: string; cipher: string }> = {
  'A128CBC-HS256': { bytes: 32, hash: 'sha256', cipher: 'aes-128-cbc' },
  'A192CBC-HS384': { bytes: 48, hash: 'sha384', cipher: 'aes-192-cbc' },
  'A256CBC-HS512': { bytes: 64, hash: 'sha512', cipher: 'aes-256-cbc' },
};

/**
 * A JWE (RFC 7516 compact) around `plaintext`: alg "dir" (key = content key) or A128KW/A192KW/A256KW (key wraps a
 * random content key), enc A*CBC-HS*; `zip: true` deflates the plaintext first. The tests also decrypt RFC 7516's
 * own example token, so this helper is not the only witness of the format.
 */
export function encryptJwe(plaintext: string, key: Buffer, options: { alg: string; enc: string; kid?: string; zip?: boolean }): string {
  const enc = CBC[options.enc]!;
  const contentKey = options.alg === 'dir' ? key : randomBytes(enc.bytes);
  const encryptedKey = options.alg === 'dir' ? Buffer.alloc(0) : wrapKey(options.alg, key, contentKey);
  const header = Buffer.from(JSON.stringify({ alg: options.alg, enc: options.enc, cty: 'JWT', ...(options.kid ? { kid: options.kid } : {}), ...(options.zip ? { zip: 'DEF' } : {}) })).toString('base64url');
  const iv = randomBytes(16);
  const half = enc.bytes / 2;
  const data = options.zip ? deflateRawSync(Buffer.from(plaintext)) : Buffer.from(plaintext);
  const cipher = createCipheriv(enc.cipher, contentKey.subarray(half), iv);
  const ciphertext = Buffer.concat([cipher.update(data), cipher.final()]);
  const aad = Buffer.from(header, 'ascii');
  const bits = Buffer.alloc(8);
  bits.writeBigUInt64BE(BigInt(aad.length * 8));
  const tag = createHmac(enc.hash, contentKey.subarray(0, half)).update(Buffer.concat([aad, iv, ciphertext, bits])).digest().subarray(0, half);
  return [header, encryptedKey, iv, ciphertext, tag].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

function wrapKey(alg: string, key: Buffer, contentKey: Buffer): Buffer {
  const cipher = createCipheriv(`id-aes${alg.slice(1, 4)}-wrap`, key, Buffer.from('A6A6A6A6A6A6A6A6', 'hex'));
  return Buffer.concat([cipher.update(contentKey), cipher.final()]);
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
