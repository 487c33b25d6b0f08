// System.Text.Encoding: UTF8, ASCII, Unicode (UTF-16LE), BigEndianUnicode, UTF32, Latin1.
// Unencodable characters become '?' (ASCII, Latin1) and invalid bytes U+FFFD, as .NET's default fallbacks do.
import { Buffer } from 'node:buffer';
import { ExpressionError, method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { bytesArg, plain, range, view } from './bytes.ts';

type Kind = 'utf-8' | 'us-ascii' | 'utf-16' | 'utf-16BE' | 'utf-32' | 'iso-8859-1';

export class CsEncoding {
  constructor(readonly webName: Kind, readonly codePage: number, readonly encodingName: string) {}
}

export const UTF8 = new CsEncoding('utf-8', 65001, 'Unicode (UTF-8)');
export const ASCII = new CsEncoding('us-ascii', 20127, 'US-ASCII');
export const UNICODE = new CsEncoding('utf-16', 1200, 'Unicode');
export const BIG_ENDIAN_UNICODE = new CsEncoding('utf-16BE', 1201, 'Unicode (Big-Endian)');
export const UTF32 = new CsEncoding('utf-32', 12000, 'Unicode (UTF-32)');
export const LATIN1 = new CsEncoding('iso-8859-1', 28591, 'Western European (ISO)');
const ALL = [UTF8, ASCII, UNICODE, BIG_ENDIAN_UNICODE, UTF32, LATIN1];

function narrow(text: string, max: number): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is one unencodable character: one '?'.
    out[i] = c <= max ? c : 0x3f;
  }
  // Pairs produced two '?' above; collapse them.
  return collapsePairs(text, out);
}

function collapsePairs(text: string, out: Uint8Array): Uint8Array {
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return out;
  const kept: number[] = [];
  for (let i = 0; i < text.length; i++) {
    kept.push(out[i]!);
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
  }
  return Uint8Array.from(kept);
}

export function encode(enc: CsEncoding, text: string): Uint8Array {
  switch (enc.webName) {
    case 'utf-8': return plain(Buffer.from(text, 'utf8'));
    case 'us-ascii': return narrow(text, 0x7f);
    case 'iso-8859-1': return narrow(text, 0xff);
    case 'utf-16': return plain(Buffer.from(text, 'utf16le'));
    case 'utf-16BE': return plain(Buffer.from(text, 'utf16le').swap16());
    case 'utf-32': {
      const cps = Array.from(text, (ch) => {
        const cp = ch.codePointAt(0)!;
        return cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
      });
      const out = new Uint8Array(cps.length * 4);
      const dv = new DataView(out.buffer);
      cps.forEach((cp, i) => dv.setUint32(i * 4, cp, true));
      return out;
    }
  }
}

export function decode(enc: CsEncoding, bytes: Uint8Array): string {
  switch (enc.webName) {
    case 'utf-8': return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // ASCII's decoder falls back to '?', UTF-8's to U+FFFD.
    case 'us-ascii': return Array.from(bytes, (b) => String.fromCharCode(b < 0x80 ? b : 0x3f)).join('');
    case 'iso-8859-1': return view(bytes).toString('latin1');
    case 'utf-16': return new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes);
    case 'utf-16BE': return new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes);
    case 'utf-32': {
      let s = '';
      const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i + 4 <= bytes.length; i += 4) {
        const cp = dv.getUint32(i, true);
        s += cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? '\ufffd' : String.fromCodePoint(cp);
      }
      return bytes.length % 4 ? s + '\ufffd' : s;
    }
  }
}

function enc(value: unknown): CsEncoding {
  if (value instanceof CsEncoding) return value;
  throw new ExpressionError('Object must be an Encoding.', 'ArgumentException');
}

/** GetBytes takes a string or a char[] (an array of one-character strings). */
function textOf(value: unknown, name: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.join('');
  if (value === null || value === undefined) throw new ExpressionError(`Value cannot be null. (Parameter '${name}')`, 'ArgumentNullException');
  throw new ExpressionError(`Argument '${name}' must be a string.`, 'ArgumentException');
}

const instance: Record<string, MemberDecl> = {
  GetBytes: method('byte[]', [1, 3], (self, [s, index, count], inv) => {
    let text = textOf(s, 's');
    if (index !== undefined) { const [a, n] = range(text.length, index, count); text = text.slice(a, a + n); }
    inv.guard.step(text.length);
    inv.guard.alloc(text.length * 4);
    return encode(enc(self), text);
  }),
  GetString: method('string', [1, 3], (self, [b, index, count], inv) => {
    const bytes = bytesArg(b, 'bytes');
    const [a, n] = range(bytes.length, index, count);
    inv.guard.step(n);
    inv.guard.alloc(n);
    return decode(enc(self), bytes.subarray(a, a + n));
  }),
  GetByteCount: method('int', [1, 1], (self, [s], inv) => {
    const text = textOf(s, 's');
    inv.guard.step(text.length);
    return encode(enc(self), text).length;
  }),
  GetCharCount: method('int', [1, 1], (self, [b]) => decode(enc(self), bytesArg(b)).length),
  GetMaxByteCount: method('int', [1, 1], (self, [n]) => {
    const e = enc(self);
    const k = Number(n);
    return e === UTF8 ? (k + 1) * 3 : e === ASCII || e === LATIN1 ? k + 1 : e === UTF32 ? (k + 1) * 4 : (k + 1) * 2;
  }),
  GetPreamble: method('byte[]', [0, 0], () => new Uint8Array(0)),
  WebName: property('string', (self) => enc(self).webName.toLowerCase()),
  EncodingName: property('string', (self) => enc(self).encodingName),
  CodePage: property('int', (self) => enc(self).codePage),
  BodyName: property('string', (self) => enc(self).webName.toLowerCase()),
};

const statics: Record<string, MemberDecl> = {
  UTF8: property('Encoding', () => UTF8),
  ASCII: property('Encoding', () => ASCII),
  Unicode: property('Encoding', () => UNICODE),
  BigEndianUnicode: property('Encoding', () => BIG_ENDIAN_UNICODE),
  UTF32: property('Encoding', () => UTF32),
  Latin1: property('Encoding', () => LATIN1),
  // .NET Core's Encoding.Default is UTF-8.
  Default: property('Encoding', () => UTF8),
  GetEncoding: method('Encoding', [1, 1], (_s, [name]) => {
    const key = typeof name === 'number' ? name : String(name).toLowerCase();
    const found = ALL.find((e) => e.codePage === key || e.webName.toLowerCase() === key)
      ?? (key === 'utf8' ? UTF8 : key === 'ascii' ? ASCII : key === 'unicode' || key === 'utf-16le' ? UNICODE : key === 'latin1' ? LATIN1 : undefined);
    if (!found) throw new ExpressionError(`'${String(name)}' is not a supported encoding name. For information on defining a custom encoding, see the documentation for the Encoding.RegisterProvider method. (Parameter 'name')`, 'ArgumentException');
    return found;
  }),
};

export const encodingType: TypeDecl = {
  name: 'Encoding',
  aliases: ['System.Text.Encoding', 'UTF8Encoding', 'ASCIIEncoding', 'UnicodeEncoding'],
  is: (v) => v instanceof CsEncoding,
  instance,
  static: statics,
  toString: () => 'System.Text.Encoding',
};
