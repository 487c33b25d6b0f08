// The <key> elements of validate-jwt (spec §3.11): <issuer-signing-keys> verify signatures, <decryption-keys>
// decrypt encrypted tokens (JWE). A key is Base64 text (a symmetric key; the text may be an expression, evaluated
// per request), or n and e (an RSA public key; the docs forbid expressions there, so the schema does too), or
// certificate-id (refused at load: apimx has no certificate store yet). `id` (matched against the token's kid) may
// be an expression, evaluated per request.
import { PolicyError, type ChildElementNode, type PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../../context/request-context.ts';
import type { BuildContext, Getter } from '../../types.ts';
import { rsaKey, symmetricKey, type SigningKey } from './signing-key.ts';

/** A symmetric key of <decryption-keys>: the raw bytes (the JWE content key, or the key that wraps it). */
export interface DecryptionKey {
  id: string | null;
  bytes: Buffer;
}

export type KeyList<K> = (ctx: RequestContext) => readonly K[];

export function readSigningKeys(build: BuildContext, node: PolicyNode): KeyList<SigningKey> {
  const keys = keyElements(build, node, 'issuer-signing-keys').map((key): Getter<SigningKey> => {
    refuseCertificate(build, node, key);
    const id = build.string(key, 'id');
    if (key.attributes['n'] || key.attributes['e']) {
      const n = key.attributes['n']?.value;
      const e = key.attributes['e']?.value;
      if (typeof n !== 'string' || typeof e !== 'string') throw new PolicyError(build.file, key.pos, `${node.element}: an RSA key needs both n and e`);
      let rsa: SigningKey['key'];
      try {
        rsa = rsaKey(n, e, null).key;
      } catch (error) {
        throw new PolicyError(build.file, key.pos, `${node.element}: the RSA key (n, e) is not valid: ${(error as Error).message}`);
      }
      return (ctx) => ({ id: id(ctx), key: rsa });
    }
    const secret = keyText(build, key, (text) => symmetricKey(text, null).key);
    return (ctx) => ({ id: id(ctx), key: secret(ctx) });
  });
  return list(keys);
}

/**
 * <decryption-keys>: symmetric keys only. The docs' RSA forms cannot work here: n and e make a public key, which
 * cannot decrypt, and a private key would come from a certificate (certificate-id), which apimx cannot load yet.
 */
export function readDecryptionKeys(build: BuildContext, node: PolicyNode): KeyList<DecryptionKey> | null {
  if (build.elements(node, 'decryption-keys').length === 0) return null;
  const keys = keyElements(build, node, 'decryption-keys').map((key): Getter<DecryptionKey> => {
    refuseCertificate(build, node, key);
    if (key.attributes['n'] || key.attributes['e']) {
      throw new PolicyError(build.file, key.pos, `${node.element}: a decryption key given as n and e is an RSA public key, which cannot decrypt a token; decryption with an RSA private key (certificate-id) is not supported yet`);
    }
    const id = build.string(key, 'id');
    const bytes = keyText(build, key, (text) => Buffer.from(text.trim(), 'base64'));
    return (ctx) => ({ id: id(ctx), bytes: bytes(ctx) });
  });
  return list(keys);
}

function keyElements(build: BuildContext, node: PolicyNode, wrapper: string): ChildElementNode[] {
  const element = build.elements(node, wrapper)[0];
  return element ? build.elements(element, 'key') : [];
}

function refuseCertificate(build: BuildContext, node: PolicyNode, key: ChildElementNode): void {
  if (key.attributes['certificate-id']) {
    throw new PolicyError(build.file, key.pos, `${node.element}: certificate-id keys are not supported yet (apimx has no certificate store); use n and e, or a Base64 key`);
  }
}

/** The key made from the element's Base64 text: once for a literal, per request (remade only when it changes) for an expression. */
function keyText<K>(build: BuildContext, key: ChildElementNode, make: (text: string) => K): Getter<K> {
  const text = build.text(key);
  let last: { text: string; key: K } | null = null;
  return (ctx) => {
    const value = text(ctx) ?? '';
    if (last?.text !== value) last = { text: value, key: make(value) };
    return last.key;
  };
}

function list<K>(getters: readonly Getter<K>[]): KeyList<K> {
  if (getters.length === 0) return () => [];
  return (ctx) => getters.map((getter) => getter(ctx));
}
