import { describe, expect, it } from 'vitest';
import { OutRef } from '../../../src/expressions/dotnet/registry.ts';
import type { MemberDecl } from '../../../src/expressions/dotnet/registry.ts';
import { byteArrayExtensions, securityTypes, stringExtensions } from '../../../src/expressions/dotnet/security/index.ts';
import { timeTypes } from '../../../src/expressions/dotnet/time/index.ts';
import { invocation, inst, make, st, typeOf } from './call.ts';

const SHA256 = typeOf(securityTypes, 'SHA256');
const HMACSHA256 = typeOf(securityTypes, 'HMACSHA256');
const Jwt = typeOf(securityTypes, 'Jwt');
const JwtClaims = typeOf(securityTypes, 'JwtClaims');
const Basic = typeOf(securityTypes, 'BasicAuthCredentials');
const DateTime = typeOf(timeTypes, 'DateTime');

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const fromHex = (h: string): Uint8Array => Uint8Array.from(Buffer.from(h, 'hex'));
const ext = (table: Record<string, MemberDecl>, name: string, self: unknown, ...args: unknown[]): any => {
  const m = table[name]!;
  return m.kind === 'method' ? m.invoke(self, args, invocation()) : m.get(self);
};
const b64url = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');

describe('hashes', () => {
  it.each([
    ['SHA1', 'a9993e364706816aba3e25717850c26c9cd0d89d'],
    ['SHA256', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['SHA384', 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7'],
    ['SHA512', 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f'],
    ['MD5', '900150983cd24fb0d6963f7d28e17f72'],
  ])('%s.Create().ComputeHash("abc")', (name, expected) => {
    const type = typeOf(securityTypes, name);
    const h = st(type, 'Create');
    expect(hex(inst(type, h, 'ComputeHash', utf8('abc')))).toBe(expected);
    expect(hex(inst(type, h, 'Hash'))).toBe(expected);
  });
  it('PKCE S256 (RFC 7636 appendix B)', () => {
    const hash = inst(SHA256, st(SHA256, 'Create'), 'ComputeHash', utf8('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'));
    expect(Buffer.from(hash).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))
      .toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });
  it('HashData, ComputeHash with a range, Managed aliases', () => {
    expect(hex(st(SHA256, 'HashData', utf8('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex(inst(SHA256, make(SHA256), 'ComputeHash', utf8('xabcx'), 1, 3))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(SHA256.aliases).toContain('SHA256Managed');
    expect(() => inst(SHA256, make(SHA256), 'ComputeHash', null)).toThrow("Value cannot be null. (Parameter 'buffer')");
  });
});

describe('HMAC', () => {
  const fox = utf8('The quick brown fox jumps over the lazy dog');
  it.each([
    ['HMACSHA256', 'f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8'],
    ['HMACSHA1', 'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9'],
    ['HMACMD5', '80070713463e7749b90c2dc24911e275'],
  ])('%s(key).ComputeHash(fox)', (name, expected) => {
    const type = typeOf(securityTypes, name);
    const h = make(type, utf8('key'));
    expect(hex(inst(type, h, 'ComputeHash', fox))).toBe(expected);
    expect(hex(inst(type, h, 'Key'))).toBe(hex(utf8('key')));
  });
  it('derives the AWS SigV4 signing key (AWS documentation example)', () => {
    let key = utf8('AWS4wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY');
    for (const part of ['20120215', 'us-east-1', 'iam', 'aws4_request']) {
      key = inst(HMACSHA256, make(HMACSHA256, key), 'ComputeHash', utf8(part));
    }
    expect(hex(key)).toBe('f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d');
  });
  it('a parameterless HMAC draws a random key', () => {
    expect(inst(HMACSHA256, make(HMACSHA256), 'Key').length).toBe(64);
  });
});

describe('RandomNumberGenerator', () => {
  it('fills arrays', () => {
    const rng = st(typeOf(securityTypes, 'RandomNumberGenerator'), 'Create');
    const b = new Uint8Array(32);
    inst(typeOf(securityTypes, 'RandomNumberGenerator'), rng, 'GetBytes', b);
    expect(b.some((x) => x !== 0)).toBe(true);
    const c = new Uint8Array(32);
    inst(typeOf(securityTypes, 'RNGCryptoServiceProvider'), make(typeOf(securityTypes, 'RNGCryptoServiceProvider')), 'GetBytes', c);
    expect(hex(c)).not.toBe(hex(b));
    expect(st(typeOf(securityTypes, 'RandomNumberGenerator'), 'GetBytes', 8).length).toBe(8);
  });
});

describe('AsJwt', () => {
  const token = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
  it('reads the jwt.io example token', () => {
    const j = ext(stringExtensions, 'AsJwt', token);
    expect([inst(Jwt, j, 'Algorithm'), inst(Jwt, j, 'Type'), inst(Jwt, j, 'Subject')]).toEqual(['HS256', 'JWT', '1234567890']);
    expect(inst(DateTime, inst(Jwt, j, 'IssuedAt'), 'ToString', 'o')).toBe('2018-01-18T01:30:22.0000000Z');
    expect(inst(Jwt, j, 'ExpirationTime')).toBe(null);
    expect(inst(JwtClaims, inst(Jwt, j, 'Claims'), 'GetValueOrDefault', 'name', 'n/a')).toBe('John Doe');
    expect(inst(JwtClaims, inst(Jwt, j, 'Claims'), 'GetValueOrDefault', 'email', 'n/a')).toBe('n/a');
  });
  it('accepts the Authorization header value with its Bearer scheme', () => {
    expect(inst(Jwt, ext(stringExtensions, 'AsJwt', `Bearer ${token}`), 'Subject')).toBe('1234567890');
  });
  it('claims: arrays, the string[] default, indexer, TryGetValue', () => {
    const t = `${b64url({ alg: 'RS256' })}.${b64url({ aud: ['api://a', 'api://b'], roles: ['r1', 'r2'], oid: 'u-1', exp: 1700000000, admin: true })}.`;
    const j = ext(stringExtensions, 'AsJwt', t);
    const c = inst(Jwt, j, 'Claims');
    expect(inst(Jwt, j, 'Audiences')).toEqual(['api://a', 'api://b']);
    expect(inst(JwtClaims, c, 'GetValueOrDefault', 'roles', '')).toBe('r1,r2');
    expect(inst(JwtClaims, c, 'GetValueOrDefault', 'oid', [''])[0]).toBe('u-1');
    expect(inst(JwtClaims, c, 'GetValueOrDefault', 'missing', [''])[0]).toBe('');
    expect(JwtClaims.indexer!.get(c, 'roles')).toEqual(['r1', 'r2']);
    expect(() => JwtClaims.indexer!.get(c, 'nope')).toThrow("The given key 'nope' was not present in the dictionary.");
    expect(inst(JwtClaims, c, 'GetValueOrDefault', 'admin')).toBe('true');
    const out = new OutRef();
    expect(inst(JwtClaims, c, 'TryGetValue', 'oid', out)).toBe(true);
    expect(out.value).toEqual(['u-1']);
    expect(inst(DateTime, inst(Jwt, j, 'ExpirationTime'), 'ToString', 's')).toBe('2023-11-14T22:13:20');
  });
  it('null when not a JWT', () => {
    for (const bad of ['not a jwt', 'a.b.c', '', `${b64url([1])}.${b64url({})}.x`, null]) {
      expect(ext(stringExtensions, 'AsJwt', bad)).toBe(null);
    }
    const out = new OutRef();
    expect(ext(stringExtensions, 'TryParseJwt', 'x.y', out)).toBe(false);
    expect(ext(stringExtensions, 'TryParseJwt', token, out)).toBe(true);
    expect(inst(Jwt, out.value, 'Subject')).toBe('1234567890');
  });
});

describe('AsBasic', () => {
  it('parses credentials', () => {
    const c = ext(stringExtensions, 'AsBasic', 'Basic dXNlcjpwYXNz');
    expect([inst(Basic, c, 'UserId'), inst(Basic, c, 'Username'), inst(Basic, c, 'Password')]).toEqual(['user', 'user', 'pass']);
    expect(inst(Basic, ext(stringExtensions, 'AsBasic', 'dTpwOnE='), 'Password')).toBe('p:q');
    expect(ext(stringExtensions, 'AsBasic', 'Basic ???')).toBe(null);
    expect(ext(stringExtensions, 'AsBasic', `Basic ${Buffer.from('nocolon').toString('base64')}`)).toBe(null);
    const out = new OutRef();
    expect(ext(stringExtensions, 'TryParseBasic', 'Basic dXNlcjpwYXNz', out)).toBe(true);
    expect(inst(Basic, out.value, 'UserId')).toBe('user');
  });
});

describe('Encrypt / Decrypt', () => {
  const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
  const iv = fromHex('000102030405060708090a0b0c0d0e0f');
  it('AES-128-CBC matches NIST SP 800-38A F.2.1, with a PKCS7 block after it', () => {
    const c = ext(byteArrayExtensions, 'Encrypt', fromHex('6bc1bee22e409f96e93d7e117393172a'), 'Aes', key, iv);
    expect(c.length).toBe(32);
    expect(hex(c.subarray(0, 16))).toBe('7649abac8119b246cee98e9b12e9197d');
    expect(hex(ext(byteArrayExtensions, 'Decrypt', c, 'Aes', key, iv))).toBe('6bc1bee22e409f96e93d7e117393172a');
  });
  it('round trips a session id and refuses bad input', () => {
    const k = new Uint8Array(32).fill(7);
    const c = ext(byteArrayExtensions, 'Encrypt', utf8('session-123'), 'Aes', k, iv);
    expect(new TextDecoder().decode(ext(byteArrayExtensions, 'Decrypt', c, 'Aes', k, iv))).toBe('session-123');
    expect(() => ext(byteArrayExtensions, 'Decrypt', c.subarray(0, 15), 'Aes', k, iv)).toThrow('Padding is invalid and cannot be removed.');
    expect(() => ext(byteArrayExtensions, 'Encrypt', utf8('x'), 'Aes', new Uint8Array(5), iv)).toThrow('Specified key is not a valid size');
    expect(() => ext(byteArrayExtensions, 'Encrypt', utf8('x'), 'DES', k, iv)).toThrow("'DES' is not supported");
  });
});
