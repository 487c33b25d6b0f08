// Signing keys of validate-jwt: symmetric keys (Base64 text of <key>), RSA keys (<key n e>), and keys from a JWKS
// (openid-config). Signatures are checked with node:crypto: HS256/384/512, RS256/384/512, PS256/384/512,
// ES256/384/512.
import { createHmac, createPublicKey, createSecretKey, timingSafeEqual, verify, constants, X509Certificate, type KeyObject } from 'node:crypto';

export interface SigningKey {
  /** Matched against the token's `kid`; null when the key has none. */
  id: string | null;
  key: KeyObject;
}

export function symmetricKey(base64: string, id: string | null): SigningKey {
  return { id, key: createSecretKey(Buffer.from(base64.trim(), 'base64')) };
}

export function rsaKey(n: string, e: string, id: string | null): SigningKey {
  return { id, key: createPublicKey({ key: { kty: 'RSA', n, e }, format: 'jwk' }) };
}

/** A JWKS entry; null for keys apimx cannot use (encryption keys, unknown types). */
export function jwkKey(jwk: Record<string, unknown>): SigningKey | null {
  if (jwk['use'] !== undefined && jwk['use'] !== 'sig') return null;
  const id = typeof jwk['kid'] === 'string' ? jwk['kid'] : null;
  try {
    if (jwk['kty'] === 'oct' && typeof jwk['k'] === 'string') return { id, key: createSecretKey(Buffer.from(jwk['k'], 'base64url')) };
    if ((jwk['kty'] === 'RSA' && typeof jwk['n'] === 'string') || jwk['kty'] === 'EC') {
      return { id, key: createPublicKey({ key: jwk as never, format: 'jwk' }) };
    }
    const x5c = jwk['x5c'];
    if (Array.isArray(x5c) && typeof x5c[0] === 'string') return { id, key: new X509Certificate(Buffer.from(x5c[0], 'base64')).publicKey };
  } catch {
    return null;
  }
  return null;
}

interface Algorithm {
  kind: 'secret' | 'rsa' | 'rsa-pss' | 'ec';
  hash: 'sha256' | 'sha384' | 'sha512';
}

const ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  HS256: { kind: 'secret', hash: 'sha256' },
  HS384: { kind: 'secret', hash: 'sha384' },
  HS512: { kind: 'secret', hash: 'sha512' },
  RS256: { kind: 'rsa', hash: 'sha256' },
  RS384: { kind: 'rsa', hash: 'sha384' },
  RS512: { kind: 'rsa', hash: 'sha512' },
  PS256: { kind: 'rsa-pss', hash: 'sha256' },
  PS384: { kind: 'rsa-pss', hash: 'sha384' },
  PS512: { kind: 'rsa-pss', hash: 'sha512' },
  ES256: { kind: 'ec', hash: 'sha256' },
  ES384: { kind: 'ec', hash: 'sha384' },
  ES512: { kind: 'ec', hash: 'sha512' },
};

export function isSupportedAlgorithm(alg: string): boolean {
  return ALGORITHMS[alg] !== undefined;
}

/** Whether `key` is of the kind `alg` needs. */
export function fits(alg: string, key: SigningKey): boolean {
  const algorithm = ALGORITHMS[alg];
  if (!algorithm) return false;
  const type = key.key.type === 'secret' ? 'secret' : key.key.asymmetricKeyType;
  if (algorithm.kind === 'secret') return type === 'secret';
  if (algorithm.kind === 'ec') return type === 'ec';
  return type === 'rsa' || type === 'rsa-pss';
}

export function verifySignature(alg: string, key: SigningKey, input: string, signature: Buffer): boolean {
  const algorithm = ALGORITHMS[alg];
  if (!algorithm) return false;
  const data = Buffer.from(input, 'utf8');
  try {
    switch (algorithm.kind) {
      case 'secret': {
        const expected = createHmac(algorithm.hash, key.key).update(data).digest();
        return expected.length === signature.length && timingSafeEqual(expected, signature);
      }
      case 'rsa':
        return verify(algorithm.hash, data, key.key, signature);
      case 'rsa-pss':
        return verify(algorithm.hash, data, { key: key.key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }, signature);
      case 'ec':
        return verify(algorithm.hash, data, { key: key.key, dsaEncoding: 'ieee-p1363' }, signature);
    }
  } catch {
    return false;
  }
}
