// Writing tokens as JSON text the way Newtonsoft's JsonTextWriter does.
//
// Newline: Newtonsoft indents with Environment.NewLine. APIM's managed gateway runs on Windows, so an
// indented ToString() there yields "\r\n"; we reproduce that (self-hosted Linux gateways would give "\n").
import { foreignDeclOf } from '../collections/foreign.ts';
import { JArray, JObject, JProperty, JValue } from './tokens.ts';
import type { JToken } from './tokens.ts';
import { formatDouble, jsonFloat } from './number-format.ts';

export const NEWLINE = '\r\n';
const INDENT = '  ';

/** Newtonsoft's default escaping: quotes, backslash, control characters (\u00xx in lower-case hex), and
 *  U+0085, U+2028, U+2029. Non-ASCII and HTML characters are written as they are. */
export function quoteJson(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (c < 0x20 || c === 0x85 || c === 0x2028 || c === 0x2029) {
      switch (ch) {
        case '\b': out += '\\b'; break;
        case '\t': out += '\\t'; break;
        case '\n': out += '\\n'; break;
        case '\f': out += '\\f'; break;
        case '\r': out += '\\r'; break;
        default: out += '\\u' + c.toString(16).padStart(4, '0');
      }
    } else out += ch;
  }
  return out + '"';
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

/** The text of a non-JSON-native value (DateTime, Guid, TimeSpan, Uri) as Newtonsoft writes it, unquoted. */
export function foreignText(kind: string, v: unknown): string {
  const decl = foreignDeclOf(v);
  if (!decl?.toString) return String(v);
  if (kind === 'Date') {
    return decl.name === 'DateTimeOffset'
      ? decl.toString(v, 'yyyy-MM-ddTHH:mm:ss.FFFFFFFzzz')
      : decl.toString(v, 'yyyy-MM-ddTHH:mm:ss.FFFFFFFK');
  }
  return decl.toString(v);
}

export function writeValue(t: JValue): string {
  const v = t.value;
  switch (t.kind) {
    case 'Null': return 'null';
    case 'Undefined': return 'undefined';
    case 'Integer': return String(v);
    case 'Float': {
      const n = v as number;
      return Number.isFinite(n) ? jsonFloat(n) : quoteJson(formatDouble(n));
    }
    case 'Boolean': return v ? 'true' : 'false';
    case 'String': return quoteJson(v as string);
    case 'Raw': return String(v);
    case 'Comment': return `/*${String(v)}*/`;
    case 'Bytes': return quoteJson(base64(v as Uint8Array));
    default: return quoteJson(foreignText(t.kind, v));
  }
}

/** JSON text of a token; `indented` gives Formatting.Indented (2 spaces, `"a": 1`). */
export function writeToken(t: JToken, indented: boolean, depth = 0): string {
  const nl = indented ? NEWLINE + INDENT.repeat(depth + 1) : '';
  const close = indented ? NEWLINE + INDENT.repeat(depth) : '';
  if (t instanceof JValue) return writeValue(t);
  if (t instanceof JProperty) return quoteJson(t.name) + (indented ? ': ' : ':') + writeToken(t.value, indented, depth);
  if (t instanceof JArray) {
    if (t.items.length === 0) return '[]';
    return '[' + t.items.map((c) => nl + writeToken(c, indented, depth + 1)).join(',') + close + ']';
  }
  if (t instanceof JObject) {
    const props = t.properties();
    if (props.length === 0) return '{}';
    return '{' + props.map((p) => nl + writeToken(p, indented, depth + 1)).join(',') + close + '}';
  }
  return '';
}
