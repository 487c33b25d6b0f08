// A small, test-only element extractor for APIM policy text: it blanks out comments, CDATA and policy
// expressions (balanced, honouring C# strings, verbatim/interpolated strings, char literals and comments),
// then reads tags with a regex. Independent of the real parser so the schemas can be checked on their own.

export const EXPR = '\u0001expr\u0001';

export interface ExtractedElement {
  name: string;
  /** Attribute values; an expression value is exactly EXPR. Entities are decoded. */
  attributes: Map<string, string>;
  children: ExtractedElement[];
  line: number;
}

const CLOSERS: Record<string, string> = { '(': ')', '{': '}', '[': ']' };

function skipString(t: string, i: number): number {
  let verbatim = false;
  let interpolated = false;
  while (t[i] === '$' || t[i] === '@') {
    if (t[i] === '$') interpolated = true;
    else verbatim = true;
    i++;
  }
  i++; // opening quote
  while (i < t.length) {
    const c = t[i];
    if (!verbatim && c === '\\') i += 2;
    else if (c === '"') {
      if (verbatim && t[i + 1] === '"') i += 2;
      else return i + 1;
    } else if (interpolated && c === '{') {
      i = t[i + 1] === '{' ? i + 2 : scanUntil(t, i + 1, '}') + 1;
    } else i++;
  }
  return i;
}

/** Index of `close` at depth 0 from `i`, skipping nested brackets, strings, chars and comments. */
function scanUntil(t: string, i: number, close: string): number {
  while (i < t.length) {
    const c = t[i]!;
    if (c === '/' && t[i + 1] === '/') {
      const end = t.indexOf('\n', i);
      i = end < 0 ? t.length : end;
    } else if (c === '/' && t[i + 1] === '*') {
      const end = t.indexOf('*/', i + 2);
      i = end < 0 ? t.length : end + 2;
    } else if (c === '"' || /^[$@]{1,2}"/.test(t.slice(i, i + 3))) {
      i = skipString(t, i);
    } else if (c === "'") {
      const end = t[i + 1] === '\\' ? t.indexOf("'", i + 3) : i + 2;
      i = end < 0 ? t.length : end + 1;
    } else if (CLOSERS[c]) {
      i = scanUntil(t, i + 1, CLOSERS[c]!) + 1;
    } else if (c === close) {
      return i;
    } else i++;
  }
  return t.length;
}

/** Replaces comments and CDATA by blanks and each `@(...)`/`@{...}` by EXPR, keeping line breaks. */
export function blankOut(t: string): string {
  let out = '';
  let i = 0;
  const keepLines = (s: string) => s.replace(/[^\n]/g, '');
  while (i < t.length) {
    if (t.startsWith('<!--', i)) {
      const end = t.indexOf('-->', i);
      const stop = end < 0 ? t.length : end + 3;
      out += keepLines(t.slice(i, stop));
      i = stop;
    } else if (t.startsWith('<![CDATA[', i)) {
      const end = t.indexOf(']]>', i);
      const stop = end < 0 ? t.length : end + 3;
      out += keepLines(t.slice(i, stop));
      i = stop;
    } else if (t[i] === '@' && (t[i + 1] === '(' || t[i + 1] === '{')) {
      const stop = scanUntil(t, i + 2, CLOSERS[t[i + 1]!]!) + 1;
      out += EXPR + keepLines(t.slice(i, stop));
      i = stop;
    } else out += t[i++];
  }
  return out;
}

const ENTITIES: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>', apos: "'" };
const decode = (s: string) => s.replace(/&(quot|amp|lt|gt|apos);/g, (_, e: string) => ENTITIES[e]!);

/** The root elements of a policy document (normally one `<policies>` or `<fragment>`). */
export function extractElements(text: string): ExtractedElement[] {
  const t = blankOut(text.replace(/^\uFEFF/, '').replace(/<\?xml[^>]*\?>/, ''));
  const roots: ExtractedElement[] = [];
  const stack: ExtractedElement[] = [];
  const tag = /<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  for (let m = tag.exec(t); m; m = tag.exec(t)) {
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      while (stack.length && stack.pop()!.name !== name);
      continue;
    }
    const line = t.slice(0, m.index).split('\n').length;
    const el: ExtractedElement = { name: name!, attributes: new Map(), children: [], line };
    for (const a of attrText!.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const raw = (a[2] ?? a[3] ?? '').trim();
      el.attributes.set(a[1]!, raw === EXPR ? EXPR : decode(raw));
    }
    (stack.length ? stack[stack.length - 1]!.children : roots).push(el);
    if (!selfClosing) stack.push(el);
  }
  return roots;
}
