// IUrl: scheme, host, port, path and query of a request URL. Mutable from the runtime (rewrite-uri,
// set-query-parameter); read-only to expressions.
import { QueryDictionary } from './string-values.ts';

export class Url {
  constructor(
    public Scheme: string,
    public Host: string,
    public Port: number,
    public Path: string,
    public Query: QueryDictionary = new QueryDictionary(),
  ) {}

  static parse(text: string): Url {
    const u = new URL(text);
    const scheme = u.protocol.replace(/:$/, '');
    const port = u.port ? Number(u.port) : scheme === 'https' ? 443 : 80;
    return new Url(scheme, u.hostname, port, decodeURIComponent(u.pathname), QueryDictionary.parse(u.search));
  }

  /** `?a=1&b=2`, or '' without parameters. */
  get QueryString(): string {
    return this.Query.toQueryString();
  }

  toString(): string {
    const defaultPort = (this.Scheme === 'https' && this.Port === 443) || (this.Scheme === 'http' && this.Port === 80);
    return `${this.Scheme}://${this.Host}${defaultPort ? '' : `:${this.Port}`}${this.Path}${this.QueryString}`;
  }
}
