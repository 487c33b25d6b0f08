// Where forward-request sends the request. As in APIM, context.Request.Url is the BACKEND url from the start of
// inbound: the API's service URL followed by the operation's path (context.Request.OriginalUrl keeps what the
// client sent). set-backend-service swaps the base; rewrite-uri swaps the part after the base.
import { Url, type Url as ContextUrl } from '@apimx/parser';

export class BackendTarget {
  /** The base URL's path without a trailing slash ('' for a bare host). */
  private basePath: string;

  constructor(
    /** The service URL or the base-url / backend url set by set-backend-service; null when none is known. */
    public baseUrl: string | null,
    /** The backend entity chosen by set-backend-service backend-id, if any. */
    public backendId: string | null = null,
  ) {
    this.basePath = baseUrl ? basePathOf(baseUrl) : '';
  }

  /** set-backend-service base-url: keep the operation path, change scheme, host, port and base path. */
  rebase(url: ContextUrl, baseUrl: string, backendId: string | null = null): void {
    const suffix = this.operationPath(url);
    const base = new URL(baseUrl);
    url.Scheme = base.protocol.replace(/:$/, '');
    url.Host = base.hostname;
    url.Port = base.port ? Number(base.port) : url.Scheme === 'https' ? 443 : 80;
    this.baseUrl = baseUrl;
    this.backendId = backendId;
    this.basePath = trimSlash(base.pathname);
    url.Path = this.basePath + suffix;
  }

  /**
   * The same for a URL still held as text (nobody has read context.Request.Url): the rebased text, memoised, since
   * a gateway sends the same few URLs to the same few backends again and again. Exactly what rebase() then
   * toString() give: it is computed that way once per distinct (URL, base path, base URL).
   */
  rebaseText(text: string, baseUrl: string, backendId: string | null = null): string {
    const key = `${this.basePath}\u0000${baseUrl}\u0000${text}`;
    let rebased = rebasedTexts.get(key);
    if (rebased === undefined) {
      const url = Url.parse(text);
      new BackendTarget(this.baseUrl, this.backendId).rebase(url, baseUrl);
      rebased = url.toString();
      if (rebasedTexts.size >= 2048) rebasedTexts.clear();
      rebasedTexts.set(key, rebased);
    }
    this.baseUrl = baseUrl;
    this.backendId = backendId;
    this.basePath = basePathOf(baseUrl);
    return rebased;
  }

  /** rewrite-uri: the path after the base becomes `path`. */
  rewrite(url: ContextUrl, path: string): void {
    url.Path = this.basePath + (path.startsWith('/') ? path : `/${path}`);
  }

  /** The part of the URL path after the base (what rewrite-uri and the operation template speak of). */
  operationPath(url: ContextUrl): string {
    return url.Path.startsWith(this.basePath) ? url.Path.slice(this.basePath.length) : url.Path;
  }
}

// Bounded (a flood of distinct URLs only clears it); a pure function of its key, so it cannot go stale.
const rebasedTexts = new Map<string, string>();

// The service URL of an API is the same string on every one of its requests: parse it once.
const basePaths = new Map<string, string>();

function basePathOf(baseUrl: string): string {
  let path = basePaths.get(baseUrl);
  if (path === undefined) {
    path = trimSlash(new URL(baseUrl).pathname);
    if (basePaths.size >= 1024) basePaths.clear();
    basePaths.set(baseUrl, path);
  }
  return path;
}

function trimSlash(path: string): string {
  return path.endsWith('/') ? path.slice(0, -1) : path;
}
