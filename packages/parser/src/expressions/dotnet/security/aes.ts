// byte[].Encrypt / Decrypt(alg, key, iv): APIM's symmetric helpers. "Aes" (and "Rijndael" with a 128-bit
// block) run AES-CBC with PKCS7 padding, .NET's defaults, via node:crypto; the key length picks AES-128/192/256.
// The SymmetricAlgorithm-object overloads are not supported.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { ExpressionError, method } from '../registry.ts';
import type { Invocation, MemberDecl } from '../registry.ts';
import { bytesArg, plain } from '../text/bytes.ts';

function cipherName(alg: unknown, key: Uint8Array, iv: Uint8Array): string {
  if (typeof alg !== 'string') throw new ExpressionError('Only the Encrypt/Decrypt(string alg, byte[] key, byte[] iv) overload is supported.');
  const name = alg.replace(/^System\.Security\.Cryptography\./, '').toLowerCase();
  if (!['aes', 'rijndael', 'aesmanaged', 'rijndaelmanaged', 'aescryptoserviceprovider'].includes(name)) {
    throw new ExpressionError(`Symmetric algorithm '${alg}' is not supported by this gateway (use "Aes").`);
  }
  if (![16, 24, 32].includes(key.length)) throw new ExpressionError('Specified key is not a valid size for this algorithm.', 'CryptographicException');
  if (iv.length !== 16) throw new ExpressionError('Specified initialization vector (IV) does not match the block size for this algorithm.', 'CryptographicException');
  return `aes-${key.length * 8}-cbc`;
}

function run(decrypt: boolean, self: unknown, [alg, k, v]: unknown[], inv: Invocation): Uint8Array {
  const input = bytesArg(self, 'input');
  const key = bytesArg(k, 'key');
  const iv = bytesArg(v, 'iv');
  const name = cipherName(alg, key, iv);
  inv.guard.step(input.length);
  inv.guard.alloc(input.length + 16);
  try {
    const c = decrypt ? createDecipheriv(name, key, iv) : createCipheriv(name, key, iv);
    const head = c.update(input);
    const tail = c.final();
    const out = new Uint8Array(head.length + tail.length);
    out.set(head);
    out.set(tail, head.length);
    return plain(out);
  } catch {
    throw new ExpressionError(decrypt ? 'Padding is invalid and cannot be removed.' : 'The input data is not a complete block.', 'CryptographicException');
  }
}

export const byteArrayCryptoExtensions: Record<string, MemberDecl> = {
  Encrypt: method('byte[]', [3, 3], (self, args, inv) => run(false, self, args, inv)),
  Decrypt: method('byte[]', [3, 3], (self, args, inv) => run(true, self, args, inv)),
};
