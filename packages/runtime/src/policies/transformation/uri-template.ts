// rewrite-uri templates (spec §3.9): `/v2/{id}/items?City=city&x={y}`: a path and query pairs whose text may name
// operation template parameters in braces. Parsed once per literal template.

/** Literal text and parameter names, alternating: [text, name, text, name, text]. */
type Pieces = readonly string[];

export interface UriTemplate {
  path: Pieces;
  query: readonly { key: Pieces; value: Pieces }[];
}

export function parseUriTemplate(template: string): UriTemplate {
  const question = template.indexOf('?');
  const pathText = question === -1 ? template : template.slice(0, question);
  const queryText = question === -1 ? '' : template.slice(question + 1);
  const query: { key: Pieces; value: Pieces }[] = [];
  for (const pair of queryText.split('&')) {
    if (!pair) continue;
    const equals = pair.indexOf('=');
    const key = equals === -1 ? pair : pair.slice(0, equals);
    const value = equals === -1 ? '' : pair.slice(equals + 1);
    query.push({ key: pieces(key, true), value: pieces(value, true) });
  }
  return { path: pieces(pathText, false), query };
}

/** Fill the parameters in; a parameter the request did not match becomes empty. */
export function fill(template: Pieces, parameters: { first(name: string): string | undefined }): string {
  if (template.length === 1) return template[0]!;
  let out = '';
  for (let i = 0; i < template.length; i++) out += i % 2 === 0 ? template[i]! : (parameters.first(template[i]!) ?? '');
  return out;
}

function pieces(text: string, decodeLiterals: boolean): Pieces {
  const out: string[] = [];
  let at = 0;
  for (const match of text.matchAll(/\{\*?([^{}]+)\}/g)) {
    out.push(literal(text.slice(at, match.index), decodeLiterals), match[1]!);
    at = match.index + match[0].length;
  }
  out.push(literal(text.slice(at), decodeLiterals));
  return out;
}

/** Query text in a template is URL syntax (`a%20b`, `a+b`); the Query dictionary holds decoded values. */
function literal(text: string, decode: boolean): string {
  if (!decode) return text;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

/** Names of the query parameters an operation URL template declares (`/get?a={b}` → a). */
export function templateQueryKeys(urlTemplate: string | undefined): ReadonlySet<string> {
  if (!urlTemplate) return EMPTY;
  const cached = keysCache.get(urlTemplate);
  if (cached) return cached;
  const keys = new Set(parseUriTemplate(urlTemplate).query.map((pair) => fill(pair.key, EMPTY_MAP)));
  keysCache.set(urlTemplate, keys);
  return keys;
}

const EMPTY: ReadonlySet<string> = new Set();
const EMPTY_MAP = { first: (): undefined => undefined };
/** One entry per operation template the gateway serves: bounded by configuration, not by traffic. */
const keysCache = new Map<string, ReadonlySet<string>>();
