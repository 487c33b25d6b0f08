// SelectToken/SelectTokens: the JSONPath subset policies use: `$`, `.name`, `['name']`, `["a","b"]`, `[0]`,
// `[*]`, `.*`, `..name`. Filters and slices are refused with a clear message. No match gives null
// (errorWhenNoMatch false), more than one match from SelectToken is Newtonsoft's JsonException.
import { ExpressionError } from '../registry.ts';
import { JArray, JObject, JToken } from './tokens.ts';

type Segment =
  | { kind: 'names'; names: string[] }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'wild' }
  | { kind: 'deep'; name: string | null };

function pathError(message: string): never {
  throw new ExpressionError(message, 'JsonException');
}

export function parsePath(path: string): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  const s = path.trim();
  if (s[0] === '$') i = 1;
  const name = (): string => {
    const m = /^[^.[\]\s]+/.exec(s.slice(i));
    if (!m) pathError(`Unexpected character while parsing path: ${s[i] ?? 'end'}`);
    i += m[0].length;
    return m[0];
  };
  if (i === 0 && s.length > 0 && s[0] !== '[' && s[0] !== '.') segs.push({ kind: 'names', names: [name()] });
  while (i < s.length) {
    const c = s[i];
    if (c === '.') {
      if (s[i + 1] === '.') {
        i += 2;
        if (s[i] === '*') {
          i++;
          segs.push({ kind: 'deep', name: null });
        } else segs.push({ kind: 'deep', name: name() });
      } else {
        i++;
        if (s[i] === '*') {
          i++;
          segs.push({ kind: 'wild' });
        } else segs.push({ kind: 'names', names: [name()] });
      }
    } else if (c === '[') {
      const end = s.indexOf(']', i);
      if (end < 0) pathError('Path ended with open indexer.');
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      if (inner === '*') segs.push({ kind: 'wild' });
      else if (/^-?\d+(\s*,\s*-?\d+)*$/.test(inner)) segs.push({ kind: 'index', indexes: inner.split(',').map((x) => Number(x.trim())) });
      else if (/^(\s*('([^'\\]|\\.)*'|"([^"\\]|\\.)*")\s*,?)+$/.test(inner)) {
        const names = [...inner.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"/g)].map((m) => (m[1] ?? m[2]!).replace(/\\(.)/g, '$1'));
        segs.push({ kind: 'names', names });
      } else pathError(`Unsupported JSONPath indexer: [${inner}]`);
    } else pathError(`Unexpected character while parsing path: ${c}`);
  }
  return segs;
}

function* descendants(t: JToken): Iterable<JToken> {
  for (const c of t.children()) {
    yield c;
    yield* descendants(c);
  }
}

function step(tokens: JToken[], seg: Segment): JToken[] {
  const out: JToken[] = [];
  for (const t of tokens) {
    switch (seg.kind) {
      case 'names':
        if (t instanceof JObject) for (const n of seg.names) {
          const v = t.get(n);
          if (v) out.push(v);
        }
        break;
      case 'index':
        if (t instanceof JArray) for (const i of seg.indexes) {
          const v = t.items[i < 0 ? t.items.length + i : i];
          if (v) out.push(v);
        }
        break;
      case 'wild':
        if (t instanceof JObject) out.push(...t.properties().map((p) => p.value));
        else if (t instanceof JArray) out.push(...t.items);
        break;
      case 'deep':
        for (const d of [t, ...descendants(t)]) {
          if (seg.name === null) {
            if (d !== t && !(d.type === 'Property')) out.push(d);
          } else if (d instanceof JObject) {
            const v = d.get(seg.name);
            if (v) out.push(v);
          }
        }
        break;
    }
  }
  return out;
}

export function selectTokens(root: JToken, path: string): JToken[] {
  let current = [root];
  for (const seg of parsePath(path)) current = step(current, seg);
  return current;
}

export function selectToken(root: JToken, path: string, errorWhenNoMatch = false): JToken | null {
  const found = selectTokens(root, path);
  if (found.length > 1) pathError('Path returned multiple tokens.');
  if (found.length === 0 && errorWhenNoMatch) pathError(`Path '${path}' does not exist.`);
  return found[0] ?? null;
}
