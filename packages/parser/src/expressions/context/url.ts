// IUrl: scheme, host, port, path and query of a request URL. Mutable from the runtime (rewrite-uri,
// set-query-parameter, set-backend-service); read-only to expressions.
import { QueryDictionary } from './string-values.ts';

export class Url {
  constructor(
    public Scheme: string,
    public Host: string,
    public Port: number,
    /** Decoded path, as APIM shows it. */
    public Path: string,
    public Query: QueryDictionary = new QueryDictionary(),
  ) {}

  static parse(text: string | URL): Url {
    const u = typeof text === 'string' ? new URL(text) : text;
    const scheme = u.protocol.replace(/:$/, '');
    const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
    return new Url(scheme, u.hostname, port, decodePath(u.pathname), QueryDictionary.parse(u.search));
  }

  /** `?a=1&b=2`, or '' without parameters. */
  get QueryString(): string {
    return this.Query.toQueryString();
  }

  clone(): Url {
    return new Url(this.Scheme, this.Host, this.Port, this.Path, this.Query.clone());
  }

  /** The URL to send: the path re-encoded segment by segment. */
  toString(): string {
    const defaultPort = (this.Scheme === 'https' && this.Port === 443) || (this.Scheme === 'http' && this.Port === 80);
    const host = this.Host.includes(':') && !this.Host.startsWith('[') ? `[${this.Host}]` : this.Host;
    const path = this.Path.split('/').map(encodePathSegment).join('/');
    return `${this.Scheme}://${host}${defaultPort ? '' : `:${this.Port}`}${path}${this.QueryString}`;
  }
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ':').replace(/%40/g, '@').replace(/%24/g, '$').replace(/%2C/gi, ',');
}
