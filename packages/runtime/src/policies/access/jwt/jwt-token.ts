// A compact JWS split into its parts. Decoding only: the signature and claims are checked elsewhere.
import { fail } from './jwt-failure.ts';

export interface DecodedJwt {
  raw: string;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** `header.payload`, the bytes the signature covers. */
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length === 5) fail('JwtInvalid', 'IDX10609: Decryption failed. Encrypted tokens (JWE) are not supported by apimx yet.');
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
