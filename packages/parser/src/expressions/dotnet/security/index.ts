// Hashes, HMACs, secure random numbers, JWT and Basic credentials, AES on byte[].
// String and byte[] extension members are exported for the compiler to merge into its 'string' and 'byte[]'.
import type { MemberDecl, TypeModule } from '../registry.ts';
import { byteArrayCryptoExtensions } from './aes.ts';
import { basicCredentialsType, basicExtensions } from './basic.ts';
import { hashTypes } from './hash.ts';
import { jwtClaimsType, jwtExtensions, jwtType } from './jwt.ts';
import { hashAlgorithmNameType, rngTypes } from './rng.ts';

export { CsJwt, CsJwtClaims, parseJwt } from './jwt.ts';
export { CsBasicCredentials, parseBasic } from './basic.ts';

/** AsJwt, TryParseJwt, AsBasic, TryParseBasic: extension members on string. */
export const stringExtensions: Record<string, MemberDecl> = { ...jwtExtensions, ...basicExtensions };

/** Encrypt, Decrypt: extension members on byte[]. */
export const byteArrayExtensions: Record<string, MemberDecl> = { ...byteArrayCryptoExtensions };

export const securityTypes: TypeModule = [
  ...hashTypes,
  ...rngTypes,
  hashAlgorithmNameType,
  jwtType,
  jwtClaimsType,
  basicCredentialsType,
];
