// AsJwt / TryParseJwt: read a JWT without validating it. Null when the text is not a JWT.
// A leading "Bearer " is accepted, since policies call AsJwt on the Authorization header value.
import { Buffer } from 'node:buffer';
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { KeyValuePair } from '../collections/key-value-pair.ts';
import { CsDateTime, fromUnixMs, KIND_UTC } from '../time/date-time.ts';

/** Jwt.Claims: IReadOnlyDictionary<string, string[]>; GetValueOrDefault joins values with ','. */
export class CsJwtClaims {
  constructor(readonly map: ReadonlyMap<string, string[]>) {}
}

export class CsJwt {
  constructor(readonly header: Record<string, unknown>, readonly payload: Record<string, unknown>, readonly claims: CsJwtClaims) {}
}

function decodeSegment(segment: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(segment)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(segment.replace(/=+$/, ''), 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A claim value as the string(s) System.IdentityModel gives: arrays spread, objects as JSON. */
function claimStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => claimStrings(v));
  if (typeof value === 'string') return [value];
  if (value === null) return [''];
  if (typeof value === 'object') return [JSON.stringify(value)];
  return [String(value)];
}

export function parseJwt(text: unknown): CsJwt | null {
  if (typeof text !== 'string') return null;
  const token = text.trim().replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const header = decodeSegment(parts[0]!);
  const payload = decodeSegment(parts[1]!);
  if (!header || !payload) return null;
  if (parts[2] !== '' && !/^[A-Za-z0-9_-]+={0,2}$/.test(parts[2]!)) return null;
  return jwtOf(header, payload);
}

/** The Jwt of a decoded header and payload: what AsJwt gives, and what validate-jwt stores once it has checked them. */
export function jwtOf(header: Record<string, unknown>, payload: Record<string, unknown>): CsJwt {
  const map = new Map<string, string[]>();
  for (const [k, v] of Object.entries(payload)) map.set(k, claimStrings(v));
  return new CsJwt(header, payload, new CsJwtClaims(map));
}

function jwt(v: unknown): CsJwt {
  if (v instanceof CsJwt) return v;
  throw new ExpressionError('Object must be a Jwt.', 'ArgumentException');
}

function claims(v: unknown): CsJwtClaims {
  if (v instanceof CsJwtClaims) return v;
  throw new ExpressionError('Object must be a claims dictionary.', 'ArgumentException');
}

const text = (v: unknown): string | null => (v === undefined || v === null ? null : claimStrings(v).join(','));

/** NumericDate → DateTime (UTC); absent → null. */
function time(v: unknown): CsDateTime | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isFinite(n) ? fromUnixMs(Math.trunc(n) * 1000, KIND_UTC) : null;
}

const instance: Record<string, MemberDecl> = {
  Algorithm: property('string', (s) => text(jwt(s).header.alg)),
  Type: property('string', (s) => text(jwt(s).header.typ)),
  Id: property('string', (s) => text(jwt(s).payload.jti)),
  Issuer: property('string', (s) => text(jwt(s).payload.iss)),
  Subject: property('string', (s) => text(jwt(s).payload.sub)),
  Audiences: property('IEnumerable<string>', (s) => {
    const aud = jwt(s).payload.aud;
    return aud === undefined || aud === null ? [] : claimStrings(aud);
  }),
  ExpirationTime: property('DateTime?', (s) => time(jwt(s).payload.exp)),
  IssuedAt: property('DateTime?', (s) => time(jwt(s).payload.iat)),
  NotBefore: property('DateTime?', (s) => time(jwt(s).payload.nbf)),
  Claims: property('JwtClaims', (s) => jwt(s).claims),
};

export const jwtType: TypeDecl = {
  name: 'Jwt',
  is: (v) => v instanceof CsJwt,
  instance,
  cast: (v) => jwt(v),
  toString: () => 'Microsoft.WindowsAzure.ApiManagement.Proxy.Gateway.Policies.Expressions.Jwt',
};

function lookup(c: CsJwtClaims, key: unknown): string[] | undefined {
  if (typeof key !== 'string') throw new ExpressionError('Value cannot be null. (Parameter \'key\')', 'ArgumentNullException');
  return c.map.get(key);
}

export const jwtClaimsType: TypeDecl = {
  name: 'JwtClaims',
  base: 'IReadOnlyDictionary',
  is: (v) => v instanceof CsJwtClaims,
  indexer: {
    type: 'string[]',
    get: (s, key) => {
      const v = lookup(claims(s), key);
      if (!v) throw new ExpressionError(`The given key '${String(key)}' was not present in the dictionary.`, 'KeyNotFoundException');
      return [...v];
    },
  },
  instance: {
    // GetValueOrDefault(name[, default]): comma-joined; with a string[] default it returns the string[] itself.
    GetValueOrDefault: method((_r, _t, argTypes) => (argTypes[1] === 'string[]' ? 'string[]' : 'string'), [1, 2], (s, [key, fallback]) => {
      const v = lookup(claims(s), key);
      if (Array.isArray(fallback)) return v ? [...v] : fallback;
      return v ? v.join(',') : fallback ?? null;
    }),
    ContainsKey: method('bool', [1, 1], (s, [key]) => lookup(claims(s), key) !== undefined),
    TryGetValue: method('bool', [2, 2], (s, [key, out]) => {
      const v = lookup(claims(s), key);
      if (out instanceof OutRef) out.value = v ? [...v] : null;
      return v !== undefined;
    }),
    Count: property('int', (s) => claims(s).map.size),
    Keys: property('IEnumerable<string>', (s) => [...claims(s).map.keys()]),
    Values: property('IEnumerable<string[]>', (s) => [...claims(s).map.values()].map((v) => [...v])),
  },
  enumerate: (s) => [...claims(s).map].map(([k, v]) => new KeyValuePair(k, [...v])),
};

export const jwtExtensions: Record<string, MemberDecl> = {
  AsJwt: method('Jwt', [0, 0], (self) => parseJwt(self)),
  TryParseJwt: method('bool', [1, 1], (self, [out]) => {
    const j = parseJwt(self);
    if (out instanceof OutRef) out.value = j;
    return j !== null;
  }),
};
