// SelectToken/SelectTokens: the JSONPath subset policies use: `$`, `.name`, `['name']`, `["a","b"]`, `[0]`,
// `[*]`, `.*`, `..name`, slices `[start:end:step]` and filters `[?(...)]`. No match gives null
// (errorWhenNoMatch false) or Newtonsoft's JsonException naming the segment that found nothing; more than
// one match from SelectToken is a JsonException too.
import { ExpressionError } from '../registry.ts';
import { JArray, JObject, JToken } from './tokens.ts';
import { filterEnd, matches, parseFilter } from './select-filter.ts';

type Segment =
  | { kind: 'names'; names: string[] }
  | { kind: 'index'; indexes: number[] }
  | { kind: 'wild' }
  | { kind: 'deep'; name: string | null }
  | { kind: 'slice'; start: number | null; end: number | null; step: number | null }
  | { kind: 'filter'; expr: ReturnType<typeof parseFilter> };

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
      const end = s[i + 1] === '?' ? filterEnd(s, i) : s.indexOf(']', i);
      if (end < 0) pathError('Path ended with open indexer.');
      const inner = s.slice(i + 1, end).trim();
      i = end + 1;
      const slice = /^(-?\d+)?\s*:\s*(-?\d+)?\s*(?::\s*(-?\d+)?)?$/.exec(inner);
      const num = (x: string | undefined): number | null => (x === undefined ? null : Number(x));
      if (inner === '*') segs.push({ kind: 'wild' });
      else if (slice) segs.push({ kind: 'slice', start: num(slice[1]), end: num(slice[2]), step: num(slice[3]) });
      else if (/^\?\(.*\)$/s.test(inner)) segs.push({ kind: 'filter', expr: parseFilter(inner.slice(2, -1)) });
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

function typeName(t: JToken): string {
  return (t.constructor as unknown as { dotnetName: string }).dotnetName.replace(/^.*\./, '');
}

/** ArraySliceFilter: Python-like bounds, a negative start or end counts from the end. */
function slice(a: JArray, seg: { start: number | null; end: number | null; step: number | null }, error: boolean): JToken[] {
  const step = seg.step ?? 1;
  if (step === 0) pathError('Step cannot be zero.');
  const n = a.items.length;
  let start = seg.start ?? (step > 0 ? 0 : n - 1);
  let stop = seg.end ?? (step > 0 ? n : -1);
  if (seg.start !== null && seg.start < 0) start = n + start;
  if (seg.end !== null && seg.end < 0) stop = n + stop;
  start = Math.min(Math.max(start, step > 0 ? 0 : -Infinity), step > 0 ? n : n - 1);
  stop = Math.min(Math.max(stop, -1), n);
  const valid = (i: number): boolean => (step > 0 ? i < stop : i > stop);
  const out: JToken[] = [];
  for (let i = start; valid(i); i += step) out.push(a.items[i]!);
  if (out.length === 0 && error) {
    pathError(`Array slice of ${seg.start ?? '*'} to ${seg.end ?? '*'} returned no results.`);
  }
  return out;
}

function step(tokens: JToken[], seg: Segment, error: boolean): JToken[] {
  const out: JToken[] = [];
  for (const t of tokens) {
    switch (seg.kind) {
      case 'names':
        if (t instanceof JObject) for (const n of seg.names) {
          const v = t.get(n);
          if (v) out.push(v);
          else if (error) pathError(`Property '${n}' does not exist on JObject.`);
        }
        else if (error) pathError(`Property '${seg.names[0]}' not valid on ${typeName(t)}.`);
        break;
      case 'index':
        if (t instanceof JArray) for (const i of seg.indexes) {
          const v = t.items[i < 0 ? t.items.length + i : i];
          if (v) out.push(v);
          else if (error) pathError(`Index ${i} outside the bounds of JArray.`);
        }
        else if (error) pathError(`Index ${seg.indexes[0]} not valid on ${typeName(t)}.`);
        break;
      case 'slice':
        if (t instanceof JArray) out.push(...slice(t, seg, error));
        else if (error) pathError(`Array slice is not valid on ${typeName(t)}.`);
        break;
      case 'filter': {
        const candidates = t instanceof JArray ? t.items : t instanceof JObject ? t.properties().map((p) => p.value) : [];
        for (const c of candidates) if (matches(seg.expr, c, (r, p) => selectTokens(r, p))) out.push(c);
        break;
      }
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

export function selectTokens(root: JToken, path: string, errorWhenNoMatch = false): JToken[] {
  let current = [root];
  for (const seg of parsePath(path)) current = step(current, seg, errorWhenNoMatch);
  return current;
}

export function selectToken(root: JToken, path: string, errorWhenNoMatch = false): JToken | null {
  const found = selectTokens(root, path, errorWhenNoMatch);
  if (found.length > 1) pathError('Path returned multiple tokens.');
  return found[0] ?? null;
}
