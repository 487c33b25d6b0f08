// A compact JWS split into its parts (a JWE is decrypted to the JWS it holds first). Decoding only: the signature
// and claims are checked elsewhere.
import { decryptJwe } from './jwe.ts';
import { fail } from './jwt-failure.ts';
import type { DecryptionKey } from './policy-keys.ts';

export interface DecodedJwt {
  raw: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

/**
 * The token to validate: a JWS as it is, or the signed token inside a JWE (five segments), decrypted with the
 * policy's <decryption-keys> (none: the token cannot be read).
 */
export function readToken(raw: string, decryptionKeys: readonly DecryptionKey[] | null): DecodedJwt {
  const parts = raw.split('.');
  if (parts.length !== 5) return decodeJwt(raw, parts);
  if (decryptionKeys === null) fail('JwtInvalid', 'IDX10609: Decryption failed. No Keys tried: the token is encrypted (JWE) and the policy has no <decryption-keys>.');
  const inner = decryptJwe(parts, decryptionKeys);
  const innerParts = inner.split('.');
  if (innerParts.length !== 3) fail('JwtInvalid', 'IDX12741: the decrypted JWE does not hold a JWT with three segments (JWS).');
  return decodeJwt(inner, innerParts);
}

function decodeJwt(token: string, parts: readonly string[]): DecodedJwt {
  if (parts.length !== 3) fail('JwtInvalid', 'IDX12741: JWT must have three segments (JWS) or five segments (JWE).');
  const [header, payload, signature] = parts as [string, string, string];
  return {
    raw: token,
    header: json(header, 'header'),
    payload: json(payload, 'payload'),
    signingInput: `${header}.${payload}`,
    signature: Buffer.from(signature, 'base64url'),
  };
}

function json(segment: string, what: string): Record<string, unknown> {
  try {
    if (!/^[A-Za-z0-9_-]*$/.test(segment)) throw new Error('not base64url');
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch {
    return fail('JwtInvalid', `IDX12729: Unable to decode the ${what} of the JWT as Base64Url encoded JSON.`);
  }
}

/** A claim's values as strings (arrays flattened; numbers and booleans printed), optionally split by a separator. */
export function claimValues(value: unknown, separator?: string): string[] {
  if (value === undefined || value === null) return [];
  const list = Array.isArray(value) ? value : [value];
  const strings = list.map((item) => (typeof item === 'string' ? item : typeof item === 'object' ? JSON.stringify(item) : String(item)));
  return separator ? strings.flatMap((item) => item.split(separator)) : strings;
}
