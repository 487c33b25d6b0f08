// Which API a request is for: its URL suffix, longest match first (APIM), compared case-insensitively.
export interface Routed<T> {
  api: T;
  /** The path after the API's suffix, starting with '/' ('/' when nothing follows). */
  rest: string;
}

export class ApiRouter<T extends { readonly path: string }> {
  private readonly apis: readonly { api: T; prefix: string }[];

  constructor(apis: Iterable<T>) {
    this.apis = [...apis]
      .map((api) => ({ api, prefix: api.path === '' ? '' : `/${api.path.toLowerCase()}` }))
      .sort((a, b) => b.prefix.length - a.prefix.length);
  }

  match(pathname: string): Routed<T> | null {
    const lower = pathname.toLowerCase();
    for (const { api, prefix } of this.apis) {
      if (!lower.startsWith(prefix)) continue;
      const next = lower.charCodeAt(prefix.length);
      // The suffix must end at a segment boundary: /openai matches /openai/x, not /openaix.
      if (prefix.length < lower.length && next !== 47 /* '/' */ && prefix !== '') continue;
      const rest = pathname.slice(prefix.length);
      return { api, rest: rest === '' ? '/' : rest };
    }
    return null;
  }
}
