// System.Uri: escaping helpers and absolute-URI parsing (WHATWG URL underneath, shaped like .NET's parts).
import { ExpressionError, OutRef, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { enumType } from '../time/enum-type.ts';
import { stringArg } from './bytes.ts';
import { percentDecode, percentEncode } from './percent.ts';

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;
const URI_KEEP = /^[A-Za-z0-9\-_.~:/?#[\]@!$&'()*+,;=%]$/;

export function escapeDataString(text: string): string {
  return percentEncode(text, (c) => UNRESERVED.test(c));
}

export function unescapeDataString(text: string): string {
  return percentDecode(text, false, true);
}

export function escapeUriString(text: string): string {
  return percentEncode(text, (c) => URI_KEEP.test(c) && c !== '%').replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
}

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443, ftp: 21, ws: 80, wss: 443 };

export class CsUri {
  constructor(readonly original: string, readonly url: URL) {}
  get scheme(): string { return this.url.protocol.slice(0, -1); }
  get port(): number { return this.url.port ? Number(this.url.port) : DEFAULT_PORTS[this.scheme] ?? -1; }
  get host(): string { return this.url.hostname; }
  get path(): string { return this.url.pathname || '/'; }
  get authority(): string {
    return this.url.port ? `${this.host}:${this.url.port}` : this.host;
  }
  get absolute(): string {
    return `${this.scheme}://${this.userInfo ? `${this.userInfo}@` : ''}${this.authority}${this.path}${this.url.search}${this.url.hash}`;
  }
  get userInfo(): string {
    return this.url.username ? `${this.url.username}${this.url.password ? `:${this.url.password}` : ''}` : '';
  }
}

const INVALID = 'Invalid URI: The format of the URI could not be determined.';

export function tryParseUri(text: string): CsUri | null {
  if (!/^[A-Za-z][A-Za-z0-9+.-]*:/.test(text.trim())) return null;
  try {
    const url = new URL(text.trim());
    if (['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol) && !url.hostname) return null;
    return new CsUri(text, url);
  } catch {
    return null;
  }
}

function uri(v: unknown): CsUri {
  if (v instanceof CsUri) return v;
  throw new ExpressionError('Object must be a Uri.', 'ArgumentException');
}

function segments(path: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '/') { out.push(path.slice(start, i + 1)); start = i + 1; }
  }
  if (start < path.length) out.push(path.slice(start));
  return out;
}

const instance: Record<string, MemberDecl> = {
  AbsoluteUri: property('string', (u) => uri(u).absolute),
  OriginalString: property('string', (u) => uri(u).original),
  Scheme: property('string', (u) => uri(u).scheme),
  Host: property('string', (u) => uri(u).host),
  DnsSafeHost: property('string', (u) => uri(u).host.replace(/^\[|\]$/g, '')),
  IdnHost: property('string', (u) => uri(u).host),
  Port: property('int', (u) => uri(u).port),
  IsDefaultPort: property('bool', (u) => uri(u).url.port === ''),
  Authority: property('string', (u) => uri(u).authority),
  AbsolutePath: property('string', (u) => uri(u).path),
  LocalPath: property('string', (u) => unescapeDataString(uri(u).path)),
  PathAndQuery: property('string', (u) => uri(u).path + uri(u).url.search),
  Query: property('string', (u) => uri(u).url.search),
  Fragment: property('string', (u) => uri(u).url.hash),
  UserInfo: property('string', (u) => uri(u).userInfo),
  Segments: property('string[]', (u) => segments(uri(u).path)),
  IsAbsoluteUri: property('bool', () => true),
  IsLoopback: property('bool', (u) => ['localhost', '127.0.0.1', '[::1]'].includes(uri(u).host)),
  GetLeftPart: method('string', [1, 1], (u, [part]) => {
    const x = uri(u);
    const p = Number(part);
    const base = `${x.scheme}://${x.userInfo ? `${x.userInfo}@` : ''}${x.authority}`;
    return p === 0 ? `${x.scheme}://` : p === 1 ? base : p === 2 ? base + x.path : base + x.path + x.url.search;
  }),
  ToString: method('string', [0, 0], (u) => unescapeDataString(uri(u).absolute)),
  Equals: method('bool', [1, 1], (u, [o]) => o instanceof CsUri && o.absolute === uri(u).absolute),
};

const statics: Record<string, MemberDecl> = {
  EscapeDataString: method('string', [1, 1], (_s, [v], inv) => {
    const s = stringArg(v, 'stringToEscape');
    inv.guard.step(s.length);
    return escapeDataString(s);
  }),
  UnescapeDataString: method('string', [1, 1], (_s, [v]) => unescapeDataString(stringArg(v, 'stringToUnescape'))),
  EscapeUriString: method('string', [1, 1], (_s, [v]) => escapeUriString(stringArg(v, 'stringToEscape'))),
  IsWellFormedUriString: method('bool', [2, 2], (_s, [v, kind]) => {
    if (typeof v !== 'string') return false;
    const k = Number(kind);
    const absolute = tryParseUri(v) !== null && !/[\s"<>\\^`{|}]/.test(v);
    const relative = !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(v) && !/[\s"<>\\^`{|}]/.test(v);
    return k === 1 ? absolute : k === 2 ? relative : absolute || relative;
  }),
  TryCreate: method('bool', [3, 3], (_s, [v, _kind, out]) => {
    const u = typeof v === 'string' ? tryParseUri(v) : null;
    if (out instanceof OutRef) out.value = u;
    return u !== null;
  }),
  UriSchemeHttp: property('string', () => 'http'),
  UriSchemeHttps: property('string', () => 'https'),
};

export const uriType: TypeDecl = {
  name: 'Uri',
  aliases: ['System.Uri'],
  is: (v) => v instanceof CsUri,
  construct: method('Uri', [1, 2], (_s, [v]) => {
    if (v === null || v === undefined) throw new ExpressionError('Value cannot be null. (Parameter \'uriString\')', 'ArgumentNullException');
    const u = tryParseUri(String(v));
    if (!u) throw new ExpressionError(INVALID, 'UriFormatException');
    return u;
  }),
  instance,
  static: statics,
  toString: (u: CsUri) => unescapeDataString(u.absolute),
  equals: (a, b) => a instanceof CsUri && b instanceof CsUri && a.absolute === b.absolute,
};

export const uriKindType = enumType('UriKind', ['System.UriKind'], { RelativeOrAbsolute: 0, Absolute: 1, Relative: 2 });
export const uriPartialType = enumType('UriPartial', ['System.UriPartial'], { Scheme: 0, Authority: 1, Path: 2, Query: 3 });
