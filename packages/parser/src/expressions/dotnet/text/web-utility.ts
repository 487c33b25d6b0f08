// System.Net.WebUtility: URL and HTML encoding with .NET's exact rules.
import { method } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';
import { percentDecode, percentEncode } from './percent.ts';

// UrlEncode keeps letters, digits and - _ . ! * ( ); space becomes '+'.
const URL_SAFE = /^[A-Za-z0-9\-_.!*()]$/;

export function urlEncode(text: string): string {
  return percentEncode(text, (c) => URL_SAFE.test(c), '+');
}

export function urlDecode(text: string): string {
  return percentDecode(text, true, false);
}

/** HtmlEncode: < > " & ' and U+00A0..U+00FF as entities, astral characters as &#N;. */
export function htmlEncode(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case '&': out += '&amp;'; break;
      case '\'': out += '&#39;'; break;
      default:
        out += (cp >= 0xa0 && cp <= 0xff) || cp > 0xffff ? `&#${cp};` : ch;
    }
  }
  return out;
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: '\'', nbsp: '\u00a0', copy: '©', reg: '®', trade: '™',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', euro: '€', pound: '£',
  yen: '¥', cent: '¢', sect: '§', deg: '°', plusmn: '±', times: '×', divide: '÷', middot: '·', laquo: '«',
  raquo: '»', bull: '•', para: '¶', iexcl: '¡', iquest: '¿', eacute: 'é', egrave: 'è', agrave: 'à',
  aacute: 'á', uuml: 'ü', ouml: 'ö', auml: 'ä', Uuml: 'Ü', Ouml: 'Ö', Auml: 'Ä', szlig: 'ß', ccedil: 'ç',
};

export function htmlDecode(text: string): string {
  return text.replace(/&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);/g, (whole, body: string) => {
    if (body[0] === '#') {
      const cp = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

const nullable = (fn: (s: string) => string) => method('string', [1, 1], (_s, [v], inv) => {
  if (v === null || v === undefined) return null;
  const s = String(v);
  inv.guard.step(s.length);
  inv.guard.alloc(s.length * 3);
  return fn(s);
});

const statics: Record<string, MemberDecl> = {
  UrlEncode: nullable(urlEncode),
  UrlDecode: nullable(urlDecode),
  HtmlEncode: nullable(htmlEncode),
  HtmlDecode: nullable(htmlDecode),
};

export const webUtilityType: TypeDecl = {
  name: 'WebUtility',
  aliases: ['System.Net.WebUtility'],
  static: statics,
};
