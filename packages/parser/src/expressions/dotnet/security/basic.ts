// AsBasic / TryParseBasic: "Basic base64(user:password)" → BasicAuthCredentials, null when it is not one.
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';

export class CsBasicCredentials {
  constructor(readonly userId: string, readonly password: string) {}
}

export function parseBasic(text: unknown): CsBasicCredentials | null {
  if (typeof text !== 'string') return null;
  // The scheme is optional: policies pass the header value or just its credentials part.
  const encoded = text.trim().replace(/^Basic\s+/i, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded) || encoded.length % 4 !== 0) return null;
  const decoded = new TextDecoder('utf-8', { fatal: false }).decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)));
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return new CsBasicCredentials(decoded.slice(0, colon), decoded.slice(colon + 1));
}

function creds(v: unknown): CsBasicCredentials {
  if (v instanceof CsBasicCredentials) return v;
  throw new ExpressionError('Object must be BasicAuthCredentials.', 'ArgumentException');
}

export const basicCredentialsType: TypeDecl = {
  name: 'BasicAuthCredentials',
  is: (v) => v instanceof CsBasicCredentials,
  instance: {
    UserId: property('string', (s) => creds(s).userId),
    // The toolkit calls it Username; both spellings work.
    Username: property('string', (s) => creds(s).userId),
    Password: property('string', (s) => creds(s).password),
  },
  cast: (v) => creds(v),
};

export const basicExtensions: Record<string, MemberDecl> = {
  AsBasic: method('BasicAuthCredentials', [0, 0], (self) => parseBasic(self)),
  TryParseBasic: method('bool', [1, 1], (self, [out]) => {
    const c = parseBasic(self);
    if (out instanceof OutRef) out.value = c;
    return c !== null;
  }),
};
