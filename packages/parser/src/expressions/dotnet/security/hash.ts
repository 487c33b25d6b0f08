// SHA1/SHA256/SHA384/SHA512/MD5 (Create(), ComputeHash, HashData) and the HMAC family, over node:crypto.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { ExpressionError, method, property } from '../registry.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../registry.ts';
import { bytesArg, plain, range } from '../text/bytes.ts';

type Alg = 'sha1' | 'sha256' | 'sha384' | 'sha512' | 'md5';
const SIZES: Readonly<Record<Alg, number>> = { sha1: 160, sha256: 256, sha384: 384, sha512: 512, md5: 128 };

export class CsHashAlgorithm {
  /** The last ComputeHash result (HashAlgorithm.Hash). */
  hash: Uint8Array | null = null;
  constructor(readonly alg: Alg) {}
}

export class CsHmac extends CsHashAlgorithm {
  constructor(alg: Alg, public key: Uint8Array) {
    super(alg);
  }
}

export function digest(alg: Alg, data: Uint8Array, key?: Uint8Array): Uint8Array {
  const h = key ? createHmac(alg, key) : createHash(alg);
  return plain(h.update(data).digest());
}

function algo(v: unknown): CsHashAlgorithm {
  if (v instanceof CsHashAlgorithm) return v;
  throw new ExpressionError('Object must be a HashAlgorithm.', 'ArgumentException');
}

function computeHash(self: unknown, [b, offset, count]: unknown[], inv: Invocation): Uint8Array {
  const h = algo(self);
  const bytes = bytesArg(b, 'buffer');
  const [a, n] = range(bytes.length, offset, count);
  inv.guard.step(n);
  h.hash = digest(h.alg, bytes.subarray(a, a + n), h instanceof CsHmac ? h.key : undefined);
  return h.hash;
}

const common: Record<string, MemberDecl> = {
  ComputeHash: method('byte[]', [1, 3], computeHash),
  Hash: property('byte[]', (s) => algo(s).hash),
  HashSize: property('int', (s) => SIZES[algo(s).alg]),
  Dispose: method('void', [0, 0], () => null),
  Clear: method('void', [0, 0], () => null),
  Initialize: method('void', [0, 0], () => null),
};

const hmacMembers: Record<string, MemberDecl> = {
  ...common,
  Key: property('byte[]', (s: CsHmac) => plain(s.key), (s: CsHmac, v) => { s.key = plain(bytesArg(v, 'value')); }),
};

function hashType(name: string, alg: Alg, aliases: string[]): TypeDecl {
  const make = method(name, [0, 1], () => new CsHashAlgorithm(alg));
  return {
    name,
    aliases: [`System.Security.Cryptography.${name}`, ...aliases.flatMap((a) => [a, `System.Security.Cryptography.${a}`])],
    base: 'HashAlgorithm',
    is: (v) => v instanceof CsHashAlgorithm && !(v instanceof CsHmac) && v.alg === alg,
    construct: make,
    instance: common,
    static: {
      Create: make,
      HashData: method('byte[]', [1, 1], (_s, [b], inv) => {
        const bytes = bytesArg(b, 'source');
        inv.guard.step(bytes.length);
        return digest(alg, bytes);
      }),
    },
    toString: () => `System.Security.Cryptography.${name}`,
  };
}

function hmacType(name: string, alg: Alg): TypeDecl {
  return {
    name,
    aliases: [`System.Security.Cryptography.${name}`],
    base: 'HMAC',
    is: (v) => v instanceof CsHmac && v.alg === alg,
    // new HMACSHA256() draws a random key, as .NET does.
    construct: method(name, [0, 1], (_s, [key]) => new CsHmac(alg, key === undefined ? plain(randomBytes(alg === 'sha384' || alg === 'sha512' ? 128 : 64)) : plain(bytesArg(key, 'key')))),
    instance: hmacMembers,
    static: {
      HashData: method('byte[]', [2, 2], (_s, [key, b], inv) => {
        const bytes = bytesArg(b, 'source');
        inv.guard.step(bytes.length);
        return digest(alg, bytes, bytesArg(key, 'key'));
      }),
    },
    toString: () => `System.Security.Cryptography.${name}`,
  };
}

export const hashTypes: TypeDecl[] = [
  hashType('SHA1', 'sha1', ['SHA1Managed', 'SHA1CryptoServiceProvider']),
  hashType('SHA256', 'sha256', ['SHA256Managed', 'SHA256CryptoServiceProvider']),
  hashType('SHA384', 'sha384', ['SHA384Managed', 'SHA384CryptoServiceProvider']),
  hashType('SHA512', 'sha512', ['SHA512Managed', 'SHA512CryptoServiceProvider']),
  hashType('MD5', 'md5', ['MD5CryptoServiceProvider']),
  hmacType('HMACSHA1', 'sha1'),
  hmacType('HMACSHA256', 'sha256'),
  hmacType('HMACSHA384', 'sha384'),
  hmacType('HMACSHA512', 'sha512'),
  hmacType('HMACMD5', 'md5'),
  {
    name: 'HashAlgorithm', aliases: ['System.Security.Cryptography.HashAlgorithm'],
    is: (v) => v instanceof CsHashAlgorithm, instance: common,
  },
  {
    name: 'HMAC', aliases: ['System.Security.Cryptography.HMAC', 'KeyedHashAlgorithm', 'System.Security.Cryptography.KeyedHashAlgorithm'],
    base: 'HashAlgorithm', is: (v) => v instanceof CsHmac, instance: hmacMembers,
  },
];
