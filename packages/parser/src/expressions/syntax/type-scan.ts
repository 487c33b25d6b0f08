// Text-level scanning of C# type names. acorn knows nothing about types, so the plugin looks ahead in the raw
// input to decide whether `(` starts a cast, whether `<` starts generic arguments, whether a statement declares
// a typed local. These scanners never consume parser state; they only answer "is there a type here, and where
// does it end".

const IDENT_START = /[A-Za-z_]/;
const IDENT_PART = /[A-Za-z0-9_]/;

export function skipWs(input: string, pos: number): number {
  for (;;) {
    const c = input[pos];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
    else if (c === '/' && input[pos + 1] === '/') {
      while (pos < input.length && input[pos] !== '\n') pos++;
    } else if (c === '/' && input[pos + 1] === '*') {
      const end = input.indexOf('*/', pos + 2);
      pos = end < 0 ? input.length : end + 2;
    } else return pos;
  }
}

export function scanIdent(input: string, pos: number): number {
  if (pos >= input.length || !IDENT_START.test(input[pos]!)) return -1;
  pos++;
  while (pos < input.length && IDENT_PART.test(input[pos]!)) pos++;
  return pos;
}

export interface ScannedType {
  /** Normalized text without white space: 'Dictionary<string,int>', 'string[]', 'int?'. */
  text: string;
  end: number;
}

export interface TypeScanOptions {
  /** Accept a trailing `?` (nullable). Off where `?` could start a conditional. */
  nullable?: boolean;
  /** Accept trailing `[]` ranks. */
  arrays?: boolean;
}

/** Scans `Name(.Name)*(<T,...>)?(?)?([])*` at `pos` (after white space). */
export function scanType(input: string, pos: number, opts: TypeScanOptions = {}): ScannedType | null {
  let p = skipWs(input, pos);
  let e = scanIdent(input, p);
  if (e < 0) return null;
  let text = input.slice(p, e);
  p = e;
  for (;;) {
    const q = skipWs(input, p);
    if (input[q] === '.' ) {
      const r = skipWs(input, q + 1);
      const f = scanIdent(input, r);
      if (f < 0) return null;
      text += '.' + input.slice(r, f);
      p = f;
      continue;
    }
    break;
  }
  const args = scanTypeArgs(input, p);
  if (args) {
    text += '<' + args.args.join(',') + '>';
    p = args.end;
  }
  if (opts.nullable) {
    const q = skipWs(input, p);
    if (input[q] === '?' && input[q + 1] !== '?' && input[q + 1] !== '.' && input[q + 1] !== '[') {
      text += '?';
      p = q + 1;
    }
  }
  if (opts.arrays !== false) {
    for (;;) {
      const q = skipWs(input, p);
      if (input[q] !== '[') break;
      let r = skipWs(input, q + 1);
      let rank = '';
      while (input[r] === ',') {
        rank += ',';
        r = skipWs(input, r + 1);
      }
      if (input[r] !== ']') break;
      text += '[' + rank + ']';
      p = r + 1;
    }
  }
  return { text, end: p };
}

/** Scans `<T, U<V>>` at `pos` (the `<` itself, after white space). */
export function scanTypeArgs(input: string, pos: number): { args: string[]; end: number } | null {
  let p = skipWs(input, pos);
  if (input[p] !== '<') return null;
  const args: string[] = [];
  p++;
  for (;;) {
    const t = scanType(input, p, { nullable: true, arrays: true });
    if (!t) return null;
    args.push(t.text);
    p = skipWs(input, t.end);
    if (input[p] === ',') {
      p++;
      continue;
    }
    if (input[p] === '>') return { args, end: p + 1 };
    return null;
  }
}

/** Words that can never name a type at the start of a declaration or inside a cast. */
export const NOT_TYPES = new Set([
  'return', 'throw', 'new', 'if', 'else', 'while', 'for', 'foreach', 'do', 'switch', 'case', 'default', 'break',
  'continue', 'try', 'catch', 'finally', 'using', 'is', 'as', 'in', 'out', 'ref', 'typeof', 'null', 'true', 'false',
  'this', 'base', 'await', 'yield', 'goto', 'checked', 'unchecked', 'nameof', 'when', 'and', 'or', 'not',
]);

/** C# keyword types: a parenthesised one is always a cast. */
export const KEYWORD_TYPES = new Set([
  'string', 'object', 'bool', 'char', 'byte', 'sbyte', 'short', 'ushort', 'int', 'uint', 'long', 'ulong', 'float',
  'double', 'decimal', 'dynamic',
]);

function firstWord(text: string): string {
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text);
  return m ? m[0] : '';
}

/** At `(`: a cast `(T)operand`? Returns the type and the position after `)`. Follows C#'s disambiguation rule. */
export function scanCast(input: string, parenPos: number): { type: string; end: number } | null {
  const t = scanType(input, parenPos + 1, { nullable: true, arrays: true });
  if (!t || NOT_TYPES.has(firstWord(t.text))) return null;
  const close = skipWs(input, t.end);
  if (input[close] !== ')') return null;
  const after = skipWs(input, close + 1);
  const c = input[after];
  if (c === undefined) return null;
  const keyword = KEYWORD_TYPES.has(t.text.replace(/[?[\]]+$/g, '')) || /[?\]]$/.test(t.text);
  if (keyword) {
    // `(int)-x` is a cast; `(int) == y` is not valid C# anyway.
    if (/[)\]};,.:?=<>|&*/%^]/.test(c) && !(c === '.' && /[0-9]/.test(input[after + 1] ?? ''))) return null;
    return { type: t.text, end: close + 1 };
  }
  // A non-keyword type: only when followed by something that starts an operand but not a binary operator.
  if (/[A-Za-z_0-9"'(@$!~]/.test(c) && !(c === '!' && input[after + 1] === '=')) {
    const w = input.slice(after, scanIdent(input, after) < 0 ? after : scanIdent(input, after));
    if (w === 'is' || w === 'as' || w === 'in' || w === 'when' || w === 'and' || w === 'or') return null;
    return { type: t.text, end: close + 1 };
  }
  return null;
}

/** At `(`: a lambda with typed parameters `(T a, U b) =>`? */
export function scanTypedLambda(input: string, parenPos: number): { params: { type: string; name: string; start: number; end: number }[]; end: number } | null {
  let p = parenPos + 1;
  const params: { type: string; name: string; start: number; end: number }[] = [];
  for (;;) {
    const t = scanType(input, p, { nullable: true, arrays: true });
    if (!t) return null;
    const s = skipWs(input, t.end);
    const e = scanIdent(input, s);
    if (e < 0) return null;
    params.push({ type: t.text, name: input.slice(s, e), start: s, end: e });
    p = skipWs(input, e);
    if (input[p] === ',') {
      p++;
      continue;
    }
    if (input[p] !== ')') return null;
    const arrow = skipWs(input, p + 1);
    if (input[arrow] === '=' && input[arrow + 1] === '>') return { params, end: p + 1 };
    return null;
  }
}

/** At a statement start: `Type name =|;|,|in` (a typed local or a foreach variable)? */
export function scanDeclaration(input: string, pos: number): { type: string; end: number } | null {
  const t = scanType(input, pos, { nullable: true, arrays: true });
  if (!t || NOT_TYPES.has(firstWord(t.text))) return null;
  const s = skipWs(input, t.end);
  const e = scanIdent(input, s);
  if (e < 0) return null;
  const name = input.slice(s, e);
  if (NOT_TYPES.has(name) && name !== 'in') return null;
  const n = skipWs(input, e);
  const c = input[n];
  if (c === ';' || c === ',' || (c === '=' && input[n + 1] !== '=')) return { type: t.text, end: t.end };
  if (input.startsWith('in', n) && !IDENT_PART.test(input[n + 2] ?? '')) return { type: t.text, end: t.end };
  return null;
}
