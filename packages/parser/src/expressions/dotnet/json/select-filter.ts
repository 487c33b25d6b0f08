// JSONPath filter expressions `[?(...)]` as Newtonsoft evaluates them: `@`/`$` paths, `==`, `!=`, `<`, `<=`,
// `>`, `>=`, `&&`, `||`, parentheses, and a bare path for existence. Values are 'strings', "strings",
// numbers, true, false and null. A path that yields several tokens matches when any of them does.
import { ExpressionError } from '../registry.ts';
import { JValue, compareValues, valueEquals } from './tokens.ts';
import type { JToken } from './tokens.ts';

export type PathQuery = (root: JToken, path: string) => JToken[];

type Operand = { kind: 'path'; root: '@' | '$'; path: string } | { kind: 'value'; value: JValue };
type Expr =
  | { kind: 'cmp'; op: string; left: Operand; right: Operand | null }
  | { kind: 'and'; left: Expr; right: Expr }
  | { kind: 'or'; left: Expr; right: Expr };

function fail(message: string): never {
  throw new ExpressionError(message, 'JsonException');
}

/** Index of the `]` that closes a filter starting at `open` (the `[`), skipping quotes and parentheses. */
export function filterEnd(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') {
      if (depth === 0) return c === ']' ? i : -1;
      depth--;
    }
  }
  return -1;
}

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  ws(): void {
    while (this.s[this.i] === ' ') this.i++;
  }
  eat(t: string): boolean {
    this.ws();
    if (this.s.startsWith(t, this.i)) {
      this.i += t.length;
      return true;
    }
    return false;
  }
  or(): Expr {
    let left = this.and();
    while (this.eat('||')) left = { kind: 'or', left, right: this.and() };
    return left;
  }
  and(): Expr {
    let left = this.atom();
    while (this.eat('&&')) left = { kind: 'and', left, right: this.atom() };
    return left;
  }
  atom(): Expr {
    if (this.eat('(')) {
      const e = this.or();
      if (!this.eat(')')) fail('Unexpected end while parsing path query.');
      return e;
    }
    const left = this.operand();
    this.ws();
    const op = ['==', '!=', '<=', '>=', '<', '>'].find((o) => this.s.startsWith(o, this.i));
    if (!op) return { kind: 'cmp', op: 'exists', left, right: null };
    this.i += op.length;
    return { kind: 'cmp', op, left, right: this.operand() };
  }
  operand(): Operand {
    this.ws();
    const c = this.s[this.i];
    if (c === '@' || c === '$') {
      const start = this.i + 1;
      let j = start;
      while (j < this.s.length) {
        const ch = this.s[j]!;
        if (ch === '[') {
          const end = filterEnd(this.s, j);
          if (end < 0) fail('Path ended with open indexer.');
          j = end + 1;
        } else if (/[\s)=!<>&|]/.test(ch)) break;
        else j++;
      }
      this.i = j;
      return { kind: 'path', root: c, path: this.s.slice(start, j) };
    }
    if (c === "'" || c === '"') {
      let j = this.i + 1;
      let text = '';
      while (j < this.s.length && this.s[j] !== c) {
        if (this.s[j] === '\\') j++;
        text += this.s[j] ?? '';
        j++;
      }
      if (j >= this.s.length) fail('Path ended with an open string.');
      this.i = j + 1;
      return { kind: 'value', value: new JValue('String', text) };
    }
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i));
    if (!m) fail(`Unexpected character while parsing path query: ${c ?? 'end'}`);
    this.i += m[0].length;
    const t = m[0];
    if (t === 'true' || t === 'false') return { kind: 'value', value: new JValue('Boolean', t === 'true') };
    if (t === 'null') return { kind: 'value', value: new JValue('Null', null) };
    return { kind: 'value', value: new JValue(/[.eE]/.test(t) ? 'Float' : 'Integer', Number(t)) };
  }
}

export function parseFilter(text: string): Expr {
  const p = new Parser(text);
  const e = p.or();
  p.ws();
  if (p.i < text.length) fail(`Unexpected character while parsing path query: ${text[p.i]}`);
  return e;
}

function tokensOf(o: Operand, current: JToken, query: PathQuery): JToken[] {
  if (o.kind === 'value') return [o.value];
  const from = o.root === '@' ? current : current.root;
  return o.path === '' ? [from] : query(from, o.path.startsWith('[') || o.path.startsWith('.') ? o.path : '.' + o.path);
}

/** Newtonsoft's BooleanQueryExpression: only JValues compare; numbers across Integer/Float; strings ordinal. */
function compare(op: string, a: JToken, b: JToken): boolean {
  if (!(a instanceof JValue) || !(b instanceof JValue)) return op === '!=' ? true : false;
  const comparable = (typeof a.value === typeof b.value) || a.value === null || b.value === null;
  switch (op) {
    case '==': return valueEquals(a, b);
    case '!=': return !valueEquals(a, b);
    default: {
      if (!comparable || a.value === null || b.value === null) return false;
      const c = compareValues(a, b);
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
  }
}

export function matches(e: Expr, current: JToken, query: PathQuery): boolean {
  if (e.kind === 'and') return matches(e.left, current, query) && matches(e.right, current, query);
  if (e.kind === 'or') return matches(e.left, current, query) || matches(e.right, current, query);
  const left = tokensOf(e.left, current, query);
  if (e.op === 'exists') return left.length > 0;
  const right = tokensOf(e.right!, current, query);
  return left.some((a) => right.some((b) => compare(e.op, a, b)));
}
