// Readers for C# literals, working on raw input text: regular, verbatim and interpolated strings, char
// literals and numbers with suffixes. The acorn plugin calls them from its tokenizer; the corpus scanner in
// the tests uses `skipLiteral` to step over strings when balancing parentheses.

export class LiteralError extends Error {
  constructor(readonly pos: number, message: string) {
    super(message);
  }
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "'": "'", '"': '"', '\\': '\\', '0': '\0', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Reads one escape sequence after a backslash at `pos`; returns the text and the position after it. */
function readEscape(input: string, pos: number): { text: string; end: number } {
  const c = input[pos + 1];
  if (c === undefined) throw new LiteralError(pos, 'Unterminated escape sequence');
  if (c in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[c]!, end: pos + 2 };
  if (c === 'u') {
    const hex = input.slice(pos + 2, pos + 6);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new LiteralError(pos, 'Invalid \\u escape sequence');
    return { text: String.fromCharCode(parseInt(hex, 16)), end: pos + 6 };
  }
  if (c === 'x') {
    const m = /^[0-9a-fA-F]{1,4}/.exec(input.slice(pos + 2, pos + 6));
    if (!m) throw new LiteralError(pos, 'Invalid \\x escape sequence');
    return { text: String.fromCharCode(parseInt(m[0], 16)), end: pos + 2 + m[0].length };
  }
  if (c === 'U') {
    const hex = input.slice(pos + 2, pos + 10);
    if (!/^[0-9a-fA-F]{8}$/.test(hex)) throw new LiteralError(pos, 'Invalid \\U escape sequence');
    return { text: String.fromCodePoint(parseInt(hex, 16)), end: pos + 10 };
  }
  throw new LiteralError(pos, `Unrecognized escape sequence '\\${c}'`);
}

/** `"..."` at `pos`. */
export function readRegularString(input: string, pos: number): { value: string; end: number } {
  let out = '';
  let p = pos + 1;
  for (;;) {
    const c = input[p];
    if (c === undefined || c === '\n') throw new LiteralError(pos, 'Newline in constant (unterminated string)');
    if (c === '"') return { value: out, end: p + 1 };
    if (c === '\\') {
      const e = readEscape(input, p);
      out += e.text;
      p = e.end;
    } else {
      out += c;
      p++;
    }
  }
}

/** `@"..."` at `pos` (the `@`). `""` is a quote; newlines are kept. */
export function readVerbatimString(input: string, pos: number): { value: string; end: number } {
  let out = '';
  let p = pos + 2;
  for (;;) {
    const c = input[p];
    if (c === undefined) throw new LiteralError(pos, 'Unterminated verbatim string');
    if (c === '"') {
      if (input[p + 1] === '"') {
        out += '"';
        p += 2;
        continue;
      }
      return { value: out, end: p + 1 };
    }
    out += c;
    p++;
  }
}

/** `'c'` at `pos`. */
export function readChar(input: string, pos: number): { value: string; end: number } {
  let p = pos + 1;
  let value: string;
  if (input[p] === '\\') {
    const e = readEscape(input, p);
    value = e.text;
    p = e.end;
  } else {
    if (input[p] === undefined || input[p] === "'" || input[p] === '\n') throw new LiteralError(pos, 'Empty or invalid character literal');
    value = input[p]!;
    p++;
  }
  if (input[p] !== "'") throw new LiteralError(pos, 'Too many characters in character literal');
  return { value, end: p + 1 };
}

export type NumberType = 'int' | 'uint' | 'long' | 'ulong' | 'double' | 'float' | 'decimal';

/** A numeric literal at `pos`, with its C# type from its form and suffix. */
export function readNumber(input: string, pos: number): { value: number; type: NumberType; end: number } {
  const hex = /^0[xX]([0-9a-fA-F_]+)([uU][lL]?|[lL][uU]?)?/.exec(input.slice(pos, pos + 40));
  if (hex) {
    const value = parseInt(hex[1]!.replace(/_/g, ''), 16);
    return { value, type: intType(value, hex[2]), end: pos + hex[0].length };
  }
  const m = /^(\d[\d_]*)?(\.\d[\d_]*)?([eE][+-]?\d+)?([uU][lL]?|[lL][uU]?|[mMdDfF])?/.exec(input.slice(pos, pos + 80));
  if (!m || (!m[1] && !m[2])) throw new LiteralError(pos, 'Invalid number');
  const text = ((m[1] ?? '') + (m[2] ?? '') + (m[3] ?? '')).replace(/_/g, '');
  const value = Number(text);
  const suffix = m[4]?.toLowerCase();
  let type: NumberType;
  if (suffix === 'm') type = 'decimal';
  else if (suffix === 'f') type = 'float';
  else if (suffix === 'd' || m[2] || m[3]) type = 'double';
  else type = intType(value, m[4]);
  return { value, type, end: pos + m[0].length };
}

function intType(value: number, suffix: string | undefined): NumberType {
  const s = suffix?.toLowerCase() ?? '';
  if (s.includes('u') && s.includes('l')) return 'ulong';
  if (s === 'l') return 'long';
  if (s === 'u') return value <= 0xffffffff ? 'uint' : 'ulong';
  if (value <= 0x7fffffff) return 'int';
  if (value <= 0xffffffff) return 'uint';
  return 'long';
}

/** One interpolation hole: the expression's text range, and its alignment and format. */
export interface Hole {
  start: number;
  end: number;
  alignment?: string;
  format?: string;
}

export interface Interpolated {
  parts: (string | Hole)[];
  end: number;
}

/** `$"..."`, `$@"..."` or `@$"..."` at `pos`. */
export function readInterpolated(input: string, pos: number): Interpolated {
  const verbatim = input[pos] === '@' || input[pos + 1] === '@';
  let p = pos + (verbatim ? 3 : 2);
  const parts: (string | Hole)[] = [];
  let text = '';
  for (;;) {
    const c = input[p];
    if (c === undefined || (!verbatim && c === '\n')) throw new LiteralError(pos, 'Unterminated interpolated string');
    if (c === '"') {
      if (verbatim && input[p + 1] === '"') {
        text += '"';
        p += 2;
        continue;
      }
      if (text) parts.push(text);
      return { parts, end: p + 1 };
    }
    if (c === '{') {
      if (input[p + 1] === '{') {
        text += '{';
        p += 2;
        continue;
      }
      if (text) parts.push(text);
      text = '';
      const hole = readHole(input, p + 1);
      parts.push(hole.hole);
      p = hole.end;
      continue;
    }
    if (c === '}') {
      if (input[p + 1] === '}') {
        text += '}';
        p += 2;
        continue;
      }
      throw new LiteralError(p, "A '}' character must be escaped (by doubling) in an interpolated string");
    }
    if (c === '\\' && !verbatim) {
      const e = readEscape(input, p);
      text += e.text;
      p = e.end;
      continue;
    }
    text += c;
    p++;
  }
}

/** Reads a hole starting after `{`: balanced brackets, nested literals; `,alignment` and `:format` at depth 0. */
function readHole(input: string, start: number): { hole: Hole; end: number } {
  let depth = 0;
  let p = start;
  let exprEnd = -1;
  let alignStart = -1;
  let formatStart = -1;
  for (;;) {
    const c = input[p];
    if (c === undefined) throw new LiteralError(start - 1, 'Unterminated interpolation hole');
    if (formatStart >= 0) {
      if (c === '}') break;
      p++;
      continue;
    }
    const lit = skipLiteral(input, p);
    if (lit > p) {
      p = lit;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && c === ',' && alignStart < 0) {
      exprEnd = p;
      alignStart = p + 1;
    } else if (depth === 0 && c === ':' && input[p + 1] !== ':') {
      if (exprEnd < 0) exprEnd = p;
      formatStart = p + 1;
    }
    p++;
  }
  if (exprEnd < 0) exprEnd = p;
  const hole: Hole = { start, end: exprEnd };
  if (alignStart >= 0) hole.alignment = input.slice(alignStart, formatStart >= 0 ? formatStart - 1 : p).trim();
  if (formatStart >= 0) hole.format = input.slice(formatStart, p);
  if (input.slice(start, exprEnd).trim() === '') throw new LiteralError(start, 'Empty expression in interpolation hole');
  return { hole, end: p + 1 };
}

/** If a C# string or char literal starts at `pos`, the position after it; otherwise `pos`. Comments are skipped too. */
export function skipLiteral(input: string, pos: number): number {
  const c = input[pos];
  const n = input[pos + 1];
  if (c === '"') return readRegularString(input, pos).end;
  if (c === '@' && n === '"') return readVerbatimString(input, pos).end;
  if ((c === '$' && (n === '"' || (n === '@' && input[pos + 2] === '"'))) || (c === '@' && n === '$' && input[pos + 2] === '"')) {
    return readInterpolated(input, pos).end;
  }
  if (c === "'") {
    try {
      return readChar(input, pos).end;
    } catch {
      return pos + 1;
    }
  }
  if (c === '/' && n === '/') {
    const e = input.indexOf('\n', pos);
    return e < 0 ? input.length : e;
  }
  if (c === '/' && n === '*') {
    const e = input.indexOf('*/', pos + 2);
    return e < 0 ? input.length : e + 2;
  }
  return pos;
}
