// APIM URL templates (`/deployments/{deployment-id}/chat/completions`) compiled once into matchers.
// `{name}` matches one path segment, `{*name}` the rest of the path; a query part of a template is ignored
// for matching. [INFERRED] matching is case-insensitive on literals, as APIM's is on paths.

export interface UrlTemplate {
  readonly template: string;
  /** Literal characters outside parameters: the more, the more specific. */
  readonly specificity: number;
  match(path: string): Map<string, string> | null;
}

export function compileTemplate(template: string): UrlTemplate {
  const pathPart = template.split('?')[0]!;
  const names: string[] = [];
  let specificity = 0;
  let pattern = '';
  let last = 0;
  for (const m of pathPart.matchAll(/\{(\*?)([^{}]+)\}/g)) {
    const literal = pathPart.slice(last, m.index);
    specificity += literal.length;
    pattern += escape(literal) + (m[1] ? '(.*)' : '([^/]+)');
    names.push(m[2]!);
    last = m.index + m[0].length;
  }
  const tail = trimSlash(pathPart.slice(last));
  specificity += tail.length;
  pattern += escape(tail);
  const regex = new RegExp(`^${pattern}/?$`, 'i');
  return {
    template,
    specificity,
    match(path) {
      const m = regex.exec(path);
      if (!m) return null;
      const params = new Map<string, string>();
      names.forEach((name, i) => params.set(name, decode(m[i + 1]!)));
      return params;
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function trimSlash(text: string): string {
  return text.length > 1 && text.endsWith('/') ? text.slice(0, -1) : text;
}

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
