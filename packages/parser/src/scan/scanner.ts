// The tolerant scan in front of the XML parser. It walks the (named-value-substituted) text once, finds each
// `@(...)`/`@{...}` that opens an attribute value or an element's text, replaces it with a placeholder so the
// XML step never sees its raw `"`, `<` or `&&`, and records every start tag with the offsets of its name and
// attributes, which the XML step pairs with fast-xml-parser's tree (that tree carries no positions).
import { lexExpression, type LexedExpression } from './csharp-lexer.ts';
import { OffsetMap } from './offset-map.ts';
import { placeholder } from './placeholder.ts';

export interface ScannedAttribute {
  name: string;
  /** Offset of the attribute name. */
  at: number;
  /** Offset of the first character of the value (after the quote). */
  valueAt: number;
  /** Offset of the closing quote. */
  valueEnd: number;
}

export interface ScannedTag {
  name: string;
  /** Offset of `<`. */
  at: number;
  attributes: ScannedAttribute[];
  /** Offset just past the start tag's `>` (where its text begins). */
  contentAt: number;
}

export interface ScanResult {
  /** The text with expressions replaced by placeholders: what the XML step reads. */
  text: string;
  /** Protected-text offsets → scanned-text offsets. */
  map: OffsetMap;
  /** Start tags in document order. */
  tags: ScannedTag[];
  /** Protected expressions; placeholder n stands for expressions[n]. */
  expressions: LexedExpression[];
  /** An unbalanced expression stops the scan: nothing after it can be read reliably. */
  error?: { message: string; at: number };
}

const isSpace = (c: number): boolean => c === 32 || c === 10 || c === 13 || c === 9;

export function scanPolicyText(s: string): ScanResult {
  const n = s.length;
  const tags: ScannedTag[] = [];
  const expressions: LexedExpression[] = [];
  const map = new OffsetMap();
  let out = '';
  let copied = 0;

  const skipWs = (p: number, limit = n): number => {
    while (p < limit && isSpace(s.charCodeAt(p))) p++;
    return p;
  };
  const opensExpression = (p: number): boolean =>
    s.charCodeAt(p) === 64 /* @ */ && (s[p + 1] === '(' || s[p + 1] === '{');

  /** Protects the expression at `at` if one opens there; returns where scanning resumes, or an error. */
  const protect = (at: number, limit: number, decode: boolean): number | { message: string; at: number } => {
    if (!opensExpression(at)) return at;
    const r = lexExpression(s, at, limit, decode);
    if (!r.ok) return { message: r.message, at: r.at };
    const ph = placeholder(expressions.length);
    expressions.push(r.expression);
    out += s.slice(copied, at);
    map.add(out.length, ph.length, at, r.expression.end - at);
    out += ph;
    copied = r.expression.end;
    return r.expression.end;
  };

  const finish = (error?: { message: string; at: number }): ScanResult => {
    out += s.slice(copied);
    return error === undefined ? { text: out, map, tags, expressions } : { text: out, map, tags, expressions, error };
  };

  let i = 0;
  while (i < n) {
    // Text: an expression may open it.
    const textStart = protect(skipWs(i), n, true);
    if (typeof textStart !== 'number') return finish(textStart);
    const lt = s.indexOf('<', textStart);
    if (lt === -1) break;
    if (s.startsWith('<!--', lt)) {
      const end = s.indexOf('-->', lt + 4);
      if (end === -1) break;
      i = end + 3;
    } else if (s.startsWith('<![CDATA[', lt)) {
      const end = s.indexOf(']]>', lt + 9);
      if (end === -1) break;
      const r = protect(skipWs(lt + 9, end), end, false);
      if (typeof r !== 'number') return finish(r);
      i = end + 3;
    } else if (s[lt + 1] === '?') {
      const end = s.indexOf('?>', lt + 2);
      if (end === -1) break;
      i = end + 2;
    } else if (s[lt + 1] === '!' || s[lt + 1] === '/') {
      const end = s.indexOf('>', lt + 2);
      if (end === -1) break;
      i = end + 1;
    } else {
      const r = scanStartTag(lt);
      if (typeof r !== 'number') return finish(r);
      i = r;
    }
  }
  return finish();

  /** Reads one start tag; returns the offset after it (or where it stopped making sense: the XML step reports). */
  function scanStartTag(lt: number): number | { message: string; at: number } {
    let p = lt + 1;
    while (p < n && !isSpace(s.charCodeAt(p)) && s[p] !== '>' && s[p] !== '/') p++;
    const tag: ScannedTag = { name: s.slice(lt + 1, p), at: lt, attributes: [], contentAt: -1 };
    tags.push(tag);
    for (;;) {
      p = skipWs(p);
      if (p >= n) return p;
      if (s[p] === '>') {
        tag.contentAt = p + 1;
        return p + 1;
      }
      if (s[p] === '/' && s[p + 1] === '>') {
        tag.contentAt = p + 2;
        return p + 2;
      }
      const nameAt = p;
      while (p < n && !isSpace(s.charCodeAt(p)) && s[p] !== '=' && s[p] !== '>' && s[p] !== '/') p++;
      const name = s.slice(nameAt, p);
      p = skipWs(p);
      if (s[p] !== '=' || name === '') return p;
      p = skipWs(p + 1);
      const quote = s[p];
      if (quote !== '"' && quote !== "'") return p;
      const valueAt = p + 1;
      const r = protect(skipWs(valueAt), n, true);
      if (typeof r !== 'number') return r;
      const close = s.indexOf(quote, r);
      if (close === -1) return n;
      tag.attributes.push({ name, at: nameAt, valueAt, valueEnd: close });
      p = close + 1;
    }
  }
}
