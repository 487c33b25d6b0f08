// A compiled .NET regex over a JS RegExp: matching from a position, all matches, Replace and Split.
import { ExpressionError } from '../../registry.ts';
import type { Guard } from '../../registry.ts';
import { translate, type Translated } from './translate.ts';

export class CsRegex {
  readonly re: RegExp;
  constructor(readonly pattern: string, readonly options: number, readonly t: Translated) {
    this.re = new RegExp(t.source, t.flags);
  }
}

const cache = new Map<string, CsRegex>();
const CACHE_LIMIT = 256;

/** Translate once per (pattern, options); static Regex calls hit this cache like .NET's own. */
export function compileRegex(pattern: unknown, options: unknown = 0): CsRegex {
  if (typeof pattern !== 'string') throw new ExpressionError('Value cannot be null. (Parameter \'pattern\')', 'ArgumentNullException');
  const opts = typeof options === 'number' ? options : 0;
  const key = `${opts}/${pattern}`;
  let r = cache.get(key);
  if (!r) {
    let t: Translated;
    try {
      t = translate(pattern, opts);
      r = new CsRegex(pattern, opts, t);
    } catch (e) {
      if (e instanceof ExpressionError) throw e;
      throw new ExpressionError(`Invalid pattern '${pattern}'. ${(e as Error).message}`, 'RegexParseException');
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, r);
  }
  return r;
}

/** The raw JS match at or after `start`, or null. */
export function execAt(r: CsRegex, input: string, start: number, guard?: Guard): RegExpExecArray | null {
  r.re.lastIndex = start;
  const m = r.re.exec(input);
  // Charge the text scanned: up to the end of the match, or to the end of the input when none.
  guard?.step(1 + (m ? m.index + m[0].length : input.length) - start);
  return m;
}

/** Every match left to right; an empty match moves the next search one character on, as .NET does. */
export function* allMatches(r: CsRegex, input: string, guard?: Guard, start = 0): Generator<RegExpExecArray> {
  let pos = start;
  while (pos <= input.length) {
    const m = execAt(r, input, pos, guard);
    if (!m) return;
    yield m;
    pos = m[0].length === 0 ? m.index + 1 : m.index + m[0].length;
  }
}

export interface GroupSpan { success: boolean; index: number; value: string }

/** Group `net` (a .NET group number) of a JS match. */
export function groupOf(r: CsRegex, m: RegExpExecArray, net: number): GroupSpan {
  const js = r.t.jsIndex[net];
  const value = js === undefined ? undefined : m[js];
  if (value === undefined) return { success: false, index: 0, value: '' };
  return { success: true, index: m.indices![js!]![0], value };
}

/** .NET replacement patterns: $1, ${name}, $$, $&, $`, $', $+, $_. */
export function expandReplacement(r: CsRegex, m: RegExpExecArray, input: string, replacement: string): string {
  return replacement.replace(/\$(\$|&|`|'|\+|_|\d+|\{(\w+)\})/g, (whole, token: string, name?: string) => {
    if (token === '$') return '$';
    if (token === '&') return m[0];
    if (token === '`') return input.slice(0, m.index);
    if (token === '\'') return input.slice(m.index + m[0].length);
    if (token === '_') return input;
    if (token === '+') {
      const last = r.t.jsIndex.length - 1;
      return last > 0 ? groupOf(r, m, last).value : m[0];
    }
    const key = name ?? token;
    const net = /^\d+$/.test(key) ? Number(key) : r.t.names.indexOf(key);
    // An unknown group leaves the text as written.
    if (net < 0 || net >= r.t.jsIndex.length) return whole;
    return groupOf(r, m, net).value;
  });
}

export function replace(r: CsRegex, input: string, by: (m: RegExpExecArray) => string, count: number, start: number, guard?: Guard): string {
  let out = '';
  let last = 0;
  let done = 0;
  for (const m of allMatches(r, input, guard, start)) {
    if (count >= 0 && done >= count) break;
    const piece = by(m);
    guard?.alloc(piece.length);
    out += input.slice(last, m.index) + piece;
    last = m.index + m[0].length;
    done++;
  }
  return out + input.slice(last);
}

/** Regex.Split: captured groups are included, as .NET does. */
export function split(r: CsRegex, input: string, count: number, start: number, guard?: Guard): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of allMatches(r, input, guard, start)) {
    if (count > 0 && out.length >= count - 1) break;
    out.push(input.slice(last, m.index));
    for (let net = 1; net < r.t.jsIndex.length; net++) {
      const g = groupOf(r, m, net);
      if (g.success) out.push(g.value);
    }
    last = m.index + m[0].length;
  }
  out.push(input.slice(last));
  return out;
}

/** Regex.Escape: \ * + ? | { [ ( ) ^ $ . # and white space. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\*+?|{[()^$.#\s]/g, (c) => {
    switch (c) {
      case ' ': return '\\ ';
      case '\t': return '\\t';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\f': return '\\f';
      case '\v': return '\\v';
      default: return `\\${c}`;
    }
  });
}

export function unescapeRegex(text: string): string {
  return text.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)/gs, (_w, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    const map: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', e: '\x1b', a: '\x07', '0': '\0' };
    return map[e] ?? e;
  });
}
