// Finds where a policy expression ends: `@(` … `)` or `@{` … `}` by balanced delimiters, skipping C# string,
// verbatim (`@"…"`, `""` escapes), interpolated (`$"…"`, `$@"…"`, `@$"…"`, holes with nested braces and
// quotes, `{{` escapes) and char literals and `//` and `/* */` comments. This is not a C# parser: it only has
// to know which characters are code, so that a `)` inside `")"` does not close the expression.
// In XML-decoding mode `&quot;`, `&amp;`… are read as the characters they stand for (the escaped form).
import { entityAt } from './entities.ts';

export interface LexedExpression {
  form: 'single' | 'block';
  /** Offset of `@`. */
  at: number;
  /** Offset just past the closing delimiter. */
  end: number;
  /** The code between the delimiters, entities decoded. */
  code: string;
  /** Pairs (code offset, source offset) at the start and after each decoded entity, for mapping back. */
  breaks: number[];
  /** Whether entities were decoded (false inside CDATA, where the code stands raw). */
  decoded: boolean;
  /** Source ranges [start, end) that are not code: string and char literals (holes excluded) and comments. */
  literals: number[];
}

export type LexResult = { ok: true; expression: LexedExpression } | { ok: false; message: string; at: number };

type Mode = 'paren' | 'brace' | 'hole';

class Lexer {
  i: number;
  code = '';
  readonly breaks: number[];
  readonly literals: number[] = [];

  constructor(
    private readonly text: string,
    start: number,
    private readonly limit: number,
    private readonly decode: boolean,
  ) {
    this.i = start;
    this.breaks = [0, start];
  }

  get done(): boolean {
    return this.i >= this.limit;
  }

  next(): string {
    const t = this.text;
    const ch = t[this.i]!;
    if (ch === '&' && this.decode) {
      const e = entityAt(t, this.i);
      if (e !== undefined && this.i + e.length <= this.limit) {
        this.i += e.length;
        this.code += e.value;
        this.breaks.push(this.code.length, this.i);
        return e.value;
      }
    }
    this.i++;
    this.code += ch;
    return ch;
  }

  /** The decoded character `k` characters ahead, without consuming. */
  peek(k = 0): string | undefined {
    let j = this.i;
    for (let n = 0; ; n++) {
      if (j >= this.limit) return undefined;
      let ch = this.text[j]!;
      let len = 1;
      if (ch === '&' && this.decode) {
        const e = entityAt(this.text, j);
        if (e !== undefined) {
          ch = e.value;
          len = e.length;
        }
      }
      if (n === k) return ch;
      j += len;
    }
  }

  /** Reads code up to and including its closer; false when the text ends first. */
  scanCode(mode: Mode): boolean {
    let depth = 0;
    let inner = 0; // () and [] nesting inside a hole, where a top-level `:` starts the format
    while (!this.done) {
      const c = this.next();
      const from = this.i - 1;
      switch (c) {
        case '"':
          if (!this.scanString(false, false, from)) return false;
          break;
        case "'":
          this.scanChar();
          this.literals.push(from, this.i);
          break;
        case '@':
          if (this.peek() === '"') {
            this.next();
            if (!this.scanString(true, false, from)) return false;
          } else if (this.peek() === '$' && this.peek(1) === '"') {
            this.next();
            this.next();
            if (!this.scanString(true, true, from)) return false;
          }
          break;
        case '$':
          if (this.peek() === '"') {
            this.next();
            if (!this.scanString(false, true, from)) return false;
          } else if (this.peek() === '@' && this.peek(1) === '"') {
            this.next();
            this.next();
            if (!this.scanString(true, true, from)) return false;
          }
          break;
        case '/':
          if (this.peek() === '/') this.skipLineComment();
          else if (this.peek() === '*') {
            if (!this.skipBlockComment()) return false;
          }
          if (this.i > from + 1) this.literals.push(from, this.i);
          break;
        case '(':
          if (mode === 'paren') depth++;
          else inner++;
          break;
        case ')':
          if (mode === 'paren') {
            if (depth === 0) return true;
            depth--;
          } else inner--;
          break;
        case '[':
          inner++;
          break;
        case ']':
          inner--;
          break;
        case '{':
          if (mode !== 'paren') depth++;
          break;
        case '}':
          if (mode !== 'paren') {
            if (depth === 0) return true;
            depth--;
          }
          break;
        case ':':
          if (mode === 'hole' && depth === 0 && inner <= 0 && this.peek() !== ':') return this.skipFormat();
          break;
      }
    }
    return false;
  }

  /** A string literal whose opening (prefix included) starts at `from`; its text is recorded as literal. */
  private scanString(verbatim: boolean, interpolated: boolean, from: number): boolean {
    while (!this.done) {
      const c = this.next();
      if (c === '\\' && !verbatim) {
        if (!this.done) this.next();
      } else if (c === '"') {
        if (verbatim && this.peek() === '"') this.next();
        else {
          this.literals.push(from, this.i);
          return true;
        }
      } else if (interpolated && c === '{') {
        if (this.peek() === '{') this.next();
        else {
          // A hole is code: the literal pauses at `{` and resumes after its `}`.
          this.literals.push(from, this.i);
          if (!this.scanCode('hole')) return false;
          from = this.i - 1;
        }
      } else if (interpolated && c === '}' && this.peek() === '}') {
        this.next();
      }
    }
    return false;
  }

  /** A char literal: at most a few characters, so a stray apostrophe cannot swallow the expression. */
  private scanChar(): void {
    for (let n = 0; n < 12 && !this.done; n++) {
      const p = this.peek();
      if (p === '\n') return;
      const c = this.next();
      if (c === '\\') {
        if (!this.done) this.next();
      } else if (c === "'") return;
    }
  }

  private skipLineComment(): void {
    while (!this.done && this.peek() !== '\n') this.next();
  }

  private skipBlockComment(): boolean {
    this.next(); // the `*` of `/*`
    while (!this.done) {
      if (this.next() === '*' && this.peek() === '/') {
        this.next();
        return true;
      }
    }
    return false;
  }

  /** The format part of a hole (`{x:yyyy-MM-dd}`) runs to the `}`. */
  private skipFormat(): boolean {
    while (!this.done) if (this.next() === '}') return true;
    return false;
  }
}

/**
 * Lexes the expression whose `@` is at `at` (the caller has seen `@(` or `@{`), reading no further than
 * `limit`. `decode` reads XML entities as their characters (attribute values and element text, not CDATA).
 */
export function lexExpression(text: string, at: number, limit: number, decode: boolean): LexResult {
  const open = text[at + 1];
  const form = open === '(' ? 'single' : 'block';
  const lexer = new Lexer(text, at + 2, limit, decode);
  if (!lexer.scanCode(form === 'single' ? 'paren' : 'brace')) {
    const close = form === 'single' ? ')' : '}';
    return { ok: false, at, message: `unbalanced expression: '@${open}' has no matching '${close}'` };
  }
  return {
    ok: true,
    expression: { form, at, end: lexer.i, code: lexer.code.slice(0, -1), breaks: lexer.breaks, decoded: decode, literals: lexer.literals },
  };
}
