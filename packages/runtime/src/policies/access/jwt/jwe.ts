// Encrypted tokens (JWE compact serialization, RFC 7516) for <decryption-keys> (spec §3.11). APIM documents the
// content encryptions A128CBC-HS256, A192CBC-HS384 and A256CBC-HS512 with a symmetric key given inline; the key
// either is the content key (alg "dir") or wraps it (AES key wrap, alg A128KW/A192KW/A256KW), as in
// Microsoft.IdentityModel. The plaintext is the inner signed token, validated as any other (IdentityModel's nested
// JWT); "zip":"DEF" plaintext is inflated first.
// [UNCONFIRMED] the Reason of a token that cannot be decrypted: none is documented, so apimx uses JwtInvalid with
// IdentityModel's IDX10603 / IDX10609 messages.
import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { fail } from './jwt-failure.ts';
import type { DecryptionKey } from './policy-keys.ts';

interface ContentEncryption {
  keyBytes: number;
  hash: 'sha256' | 'sha384' | 'sha512';
  cipher: string;
}

const CONTENT_ENCRYPTIONS: Readonly<Record<string, ContentEncryption>> = {
  'A128CBC-HS256': { keyBytes: 32, hash: 'sha256', cipher: 'aes-128-cbc' },
  'A192CBC-HS384': { keyBytes: 48, hash: 'sha384', cipher: 'aes-192-cbc' },
  'A256CBC-HS512': { keyBytes: 64, hash: 'sha512', cipher: 'aes-256-cbc' },
};

const KEY_WRAPS: Readonly<Record<string, { keyBytes: number; cipher: string }>> = {
  A128KW: { keyBytes: 16, cipher: 'id-aes128-wrap' },
  A192KW: { keyBytes: 24, cipher: 'id-aes192-wrap' },
  A256KW: { keyBytes: 32, cipher: 'id-aes256-wrap' },
};

/** RFC 3394's default initial value. */
const KEY_WRAP_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
/** Largest inflated plaintext accepted (IdentityModel's limit is of the same order): no zip bombs. */
const MAX_INFLATED_BYTES = 256 * 1024;

/** The plaintext of a five-part token: the inner token's text. Throws JwtFailure when no key decrypts it. */
export function decryptJwe(parts: readonly string[], keys: readonly DecryptionKey[]): string {
  const [protectedHeader, encryptedKey, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  const header = parseHeader(protectedHeader);
  const alg = typeof header['alg'] === 'string' ? header['alg'] : '';
  const enc = typeof header['enc'] === 'string' ? header['enc'] : '';
  const encryption = CONTENT_ENCRYPTIONS[enc];
  if (!encryption) fail('JwtInvalid', `IDX10715: Encryption algorithm '${enc}' is not supported (apimx decrypts A128CBC-HS256, A192CBC-HS384, A256CBC-HS512).`);
  if (alg !== 'dir' && !KEY_WRAPS[alg]) fail('JwtInvalid', `IDX10619: Key management algorithm '${alg}' is not supported (apimx decrypts with dir, A128KW, A192KW, A256KW and a symmetric key).`);
  if (keys.length === 0) fail('JwtInvalid', 'IDX10609: Decryption failed. No Keys tried: the policy has no decryption key.');
  // As IdentityModel: the key whose id is the token's kid, else every key.
  const kid = typeof header['kid'] === 'string' ? header['kid'] : null;
  const byId = kid === null ? [] : keys.filter((key) => key.id === kid);
  const candidates = byId.length > 0 ? byId : keys;
  const input = { aad: Buffer.from(protectedHeader, 'ascii'), encryptedKey: b64(encryptedKey), iv: b64(iv), ciphertext: b64(ciphertext), tag: b64(tag) };
  for (const key of candidates) {
    const plaintext = tryKey(alg, encryption, key.bytes, input);
    if (plaintext) return inflate(plaintext, header['zip']);
  }
  return fail('JwtInvalid', `IDX10603: Decryption failed. Keys tried: ${candidates.length}. kid: '${kid ?? ''}'.`);
}

interface JweInput {
  aad: Buffer;
  encryptedKey: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** The plaintext when this key decrypts the token and its tag checks out; null otherwise. */
function tryKey(alg: string, encryption: ContentEncryption, key: Buffer, input: JweInput): Buffer | null {
  try {
    const contentKey = alg === 'dir' ? (input.encryptedKey.length === 0 ? key : null) : unwrap(alg, key, input.encryptedKey);
    if (!contentKey || contentKey.length !== encryption.keyBytes) return null;
    const half = encryption.keyBytes / 2;
    // RFC 7518 §5.2.2: the tag is the first half of HMAC(MAC_KEY, AAD || IV || ciphertext || AAD length in bits).
    const aadBits = Buffer.alloc(8);
    aadBits.writeBigUInt64BE(BigInt(input.aad.length) * 8n);
    const mac = createHmac(encryption.hash, contentKey.subarray(0, half)).update(input.aad).update(input.iv).update(input.ciphertext).update(aadBits).digest();
    const expected = mac.subarray(0, half);
    if (expected.length !== input.tag.length || !timingSafeEqual(expected, input.tag)) return null;
    const decipher = createDecipheriv(encryption.cipher, contentKey.subarray(half), input.iv);
    return Buffer.concat([decipher.update(input.ciphertext), decipher.final()]);
  } catch {
    return null;
  }
}

function unwrap(alg: string, key: Buffer, wrapped: Buffer): Buffer | null {
  const wrap = KEY_WRAPS[alg]!;
  if (key.length !== wrap.keyBytes) return null;
  const decipher = createDecipheriv(wrap.cipher, key, KEY_WRAP_IV);
  return Buffer.concat([decipher.update(wrapped), decipher.final()]);
}

function inflate(plaintext: Buffer, zip: unknown): string {
  if (zip === undefined) return plaintext.toString('utf8');
  if (zip !== 'DEF') fail('JwtInvalid', `IDX10679: Decompression failed: compression algorithm '${String(zip)}' is not supported.`);
  try {
    return inflateRawSync(plaintext, { maxOutputLength: MAX_INFLATED_BYTES }).toString('utf8');
  } catch {
    return fail('JwtInvalid', 'IDX10679: Decompression failed: the plaintext does not inflate (or is too large).');
  }
}

function parseHeader(segment: string): Record<string, unknown> {
  try {
    if (!/^[A-Za-z0-9_-]+$/.test(segment)) throw new Error('not base64url');
    const value: unknown = JSON.parse(b64(segment).toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch {
    return fail('JwtInvalid', 'IDX12729: Unable to decode the header of the JWE as Base64Url encoded JSON.');
  }
}

function b64(segment: string): Buffer {
  if (!/^[A-Za-z0-9_-]*$/.test(segment)) fail('JwtInvalid', 'IDX12741: a JWE segment is not Base64Url.');
  return Buffer.from(segment, 'base64url');
}
