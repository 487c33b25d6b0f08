// Reading JSON text into tokens with Newtonsoft's JsonTextReader leniency (comments, single-quoted strings,
// unquoted property names, trailing commas, NaN/Infinity, duplicate names replace) and its error messages
// (JsonReaderException: "... Path 'a.b', line 1, position 6.").
//
// Dates: Newtonsoft's default DateParseHandling.DateTime would turn ISO-8601 strings into Date tokens; we keep
// them as strings (so `(string)token` gives the text as sent), a deliberate difference noted in the tests.
import { ExpressionError } from '../registry.ts';
import type { Guard } from '../registry.ts';
import { JArray, JObject, JProperty, JValue } from './tokens.ts';
import type { JToken } from './tokens.ts';

/** Newtonsoft 13's default JsonReader.MaxDepth. */
export const MAX_DEPTH = 64;

class Reader {
  pos = 0;
  line = 1;
  lineStart = 0;
  readonly path: (string | number)[] = [];
  constructor(readonly text: string, readonly guard?: Guard) {}

  pathText(): string {
    let out = '';
    for (const p of this.path) {
      if (typeof p === 'number') out += `[${p}]`;
      else if (/^[A-Za-z0-9_$-]*$/.test(p) && p !== '') out += (out ? '.' : '') + p;
      else out += `['${p.replace(/'/g, "\\'")}']`;
    }
    return out;
  }
  fail(message: string, at = this.pos): never {
    throw new ExpressionError(`${message} Path '${this.pathText()}', line ${this.line}, position ${at - this.lineStart}.`, 'JsonReaderException');
  }
  /** Skips whitespace and comments. */
  skip(): void {
    const s = this.text;
    for (;;) {
      const c = s[this.pos];
      if (c === '\n') {
        this.pos++;
        this.line++;
        this.lineStart = this.pos;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF' || c === '\u00A0') this.pos++;
      else if (c === '/' && s[this.pos + 1] === '*') {
        const end = s.indexOf('*/', this.pos + 2);
        if (end < 0) this.fail('Unexpected end while parsing comment.', s.length);
        for (let i = this.pos; i < end; i++) if (s[i] === '\n') { this.line++; this.lineStart = i + 1; }
        this.pos = end + 2;
      } else if (c === '/' && s[this.pos + 1] === '/') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }
  peek(): string | undefined {
    this.skip();
    return this.text[this.pos];
  }
  unexpectedEnd(what: string): never {
    this.fail(`Unexpected end of content while loading ${what}.`, this.text.length);
  }

  value(depth: number, container: string): JToken {
    this.guard?.step();
    const c = this.peek();
    if (c === undefined) this.unexpectedEnd(container);
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"' || c === "'") return new JValue('String', this.string());
    if (c === '-' || (c >= '0' && c <= '9') || c === '.') return this.number();
    const word = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(this.text.slice(this.pos, this.pos + 32))?.[0];
    switch (word) {
      case 'true': this.pos += 4; return new JValue('Boolean', true);
      case 'false': this.pos += 5; return new JValue('Boolean', false);
      case 'null': this.pos += 4; return new JValue('Null', null);
      case 'undefined': this.pos += 9; return new JValue('Undefined', null);
      case 'NaN': this.pos += 3; return new JValue('Float', NaN);
      case 'Infinity': this.pos += 8; return new JValue('Float', Infinity);
    }
    if (word?.startsWith('t') || word?.startsWith('f')) this.fail('Error parsing boolean value.', this.pos + 1);
    if (word?.startsWith('n')) this.fail('Error parsing null value.', this.pos + 1);
    this.fail(`Unexpected character encountered while parsing value: ${c}.`);
  }

  depthCheck(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`The reader's MaxDepth of ${MAX_DEPTH} has been exceeded.`, this.pos + 1);
  }

  object(depth: number): JObject {
    this.depthCheck(depth);
    this.pos++;
    const o = new JObject();
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.unexpectedEnd('JObject');
      if (c === '}') {
        this.pos++;
        return o;
      }
      const name = this.propertyName();
      this.path.push(name);
      const colon = this.peek();
      if (colon === undefined) this.unexpectedEnd('JObject');
      if (colon !== ':') this.fail(`Invalid character after parsing property name. Expected ':' but got: ${colon}.`);
      this.pos++;
      const v = this.value(depth, 'JObject');
      // DuplicatePropertyNameHandling.Replace: the later value wins, in the first one's place.
      o.set(name, v);
      const after = this.peek();
      if (after === ',') {
        this.pos++;
        this.path.pop();
      } else if (after === '}') {
        this.pos++;
        this.path.pop();
        return o;
      } else if (after === undefined) this.unexpectedEnd('JObject');
      else this.fail(`After parsing a value an unexpected character was encountered: ${after}.`);
    }
  }

  propertyName(): string {
    const c = this.text[this.pos]!;
    if (c === '"' || c === "'") return this.string();
    const m = /^[A-Za-z0-9_$-]+/.exec(this.text.slice(this.pos));
    if (!m) this.fail(`Invalid property identifier character: ${c}.`);
    this.pos += m[0].length;
    return m[0];
  }

  array(depth: number): JArray {
    this.depthCheck(depth);
    this.pos++;
    const a = new JArray();
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.unexpectedEnd('JArray');
      if (c === ']') {
        this.pos++;
        return a;
      }
      this.path.push(a.items.length);
      a.push(this.value(depth, 'JArray'));
      this.path.pop();
      const after = this.peek();
      if (after === ',') this.pos++;
      else if (after === ']') {
        this.pos++;
        return a;
      } else if (after === undefined) this.unexpectedEnd('JArray');
      else {
        this.path.push(a.items.length - 1);
        this.fail(`After parsing a value an unexpected character was encountered: ${after}.`);
      }
    }
  }

  string(): string {
    const s = this.text;
    const quote = s[this.pos]!;
    let i = this.pos + 1;
    let out = '';
    for (;;) {
      if (i >= s.length) this.fail(`Unterminated string. Expected delimiter: ${quote}.`, s.length);
      const c = s[i]!;
      if (c === quote) {
        this.pos = i + 1;
        this.guard?.alloc(out.length);
        return out;
      }
      if (c === '\\') {
        const e = s[i + 1];
        const simple: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9A-Fa-f]{4}$/.test(s.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
          i += 6;
        } else if (e === undefined) {
          this.fail(`Unterminated string. Expected delimiter: ${quote}.`, s.length);
        } else this.fail(`Bad JSON escape sequence: \\${e}.`, i + 2);
      } else {
        // A run of plain characters, copied at once.
        const q = quote.charCodeAt(0);
        let j = i;
        for (let k = s.charCodeAt(j); j < s.length && k !== q && k !== 92; k = s.charCodeAt(++j)) {
          if (k === 10) {
            this.line++;
            this.lineStart = j + 1;
          }
        }
        out += s.slice(i, j);
        i = j;
      }
    }
  }

  number(): JValue {
    const text = this.text;
    const at = this.pos;
    if (text.startsWith('-Infinity', at)) {
      this.pos += 9;
      return new JValue('Float', -Infinity);
    }
    // Sticky patterns read in place (no slice of the rest of the text per number).
    HEX.lastIndex = at;
    const hex = HEX.exec(text);
    if (hex) {
      this.pos += hex[0].length;
      const neg = hex[0].startsWith('-');
      const n = parseInt(hex[0].replace(/^-?0[xX]/, ''), 16);
      return new JValue('Integer', neg ? -n : n);
    }
    NUMBER.lastIndex = at;
    const m = NUMBER.exec(text);
    const found = m?.[0] ?? '';
    const end = text[at + found.length];
    if (!m || (end !== undefined && /[A-Za-z0-9_.]/.test(end))) {
      this.fail(`Input string '${/^[^\s,\]}]*/.exec(text.slice(at, at + 400))![0]}' is not a valid number.`, at + 1);
    }
    this.pos += found.length;
    let isFloat = false;
    for (let k = 0; k < found.length && !isFloat; k++) {
      const c = found.charCodeAt(k);
      isFloat = c === 46 || c === 101 || c === 69;
    }
    return new JValue(isFloat ? 'Float' : 'Integer', Number(found));
  }
}

const HEX = /-?0[xX][0-9A-Fa-f]+/y;
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

const STATE_NAMES: Record<string, string> = {
  Object: 'StartObject', Array: 'StartArray', Integer: 'Integer', Float: 'Float', String: 'String',
  Boolean: 'Boolean', Null: 'Null', Undefined: 'Undefined',
};

export type ParseTarget = 'JToken' | 'JObject' | 'JArray';

/** JObject.Parse / JArray.Parse / JToken.Parse (and JsonConvert.DeserializeObject, target JToken). */
export function parseJson(text: unknown, target: ParseTarget, guard?: Guard): JToken {
  if (text === null || text === undefined) throw new ExpressionError("Value cannot be null. (Parameter 'json')", 'ArgumentNullException');
  const r = new Reader(String(text), guard);
  guard?.step(r.text.length >> 4);
  const first = r.peek();
  if (first === undefined) {
    throw new ExpressionError(`Error reading ${target} from JsonReader. Path '', line 0, position 0.`, 'JsonReaderException');
  }
  const startPos = r.pos;
  const startLine = r.line;
  const startCol = startPos - r.lineStart + 1;
  const token = r.value(0, target);
  const kind = token.type;
  if ((target === 'JObject' && kind !== 'Object') || (target === 'JArray' && kind !== 'Array')) {
    const what = target === 'JObject' ? 'an object' : 'an array';
    throw new ExpressionError(
      `Error reading ${target} from JsonReader. Current JsonReader item is not ${what}: ${STATE_NAMES[kind] ?? kind}. Path '', line ${startLine}, position ${startCol}.`,
      'JsonReaderException',
    );
  }
  void startPos;
  const extra = r.peek();
  if (extra !== undefined) r.fail(`Additional text encountered after finished reading JSON content: ${extra}.`);
  return token;
}
