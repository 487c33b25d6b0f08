// IUrl (spec §2.2): the request URL as policies see and change it (rewrite-uri, set-query-parameter,
// set-backend-service). Query keys keep their order; values are lists, as APIM's dictionary holds them.

export class ContextUrl {
  Scheme: string;
  Host: string;
  Port: number;
  Path: string;
  readonly Query: Map<string, string[]>;

  constructor(url: string | URL) {
    const parsed = typeof url === 'string' ? new URL(url) : url;
    this.Scheme = parsed.protocol.replace(/:$/, '');
    this.Host = parsed.hostname;
    this.Port = parsed.port ? Number(parsed.port) : this.Scheme === 'https' ? 443 : 80;
    this.Path = decodeURIComponentSafe(parsed.pathname);
    this.Query = new Map();
    for (const [key, value] of parsed.searchParams) {
      const values = this.Query.get(key);
      if (values) values.push(value);
      else this.Query.set(key, [value]);
    }
  }

  /** `?a=1&b=2` as APIM prints it (empty when there is no query). */
  get QueryString(): string {
    if (this.Query.size === 0) return '';
    const parts: string[] = [];
    for (const [key, values] of this.Query) for (const value of values) parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
    return `?${parts.join('&')}`;
  }

  clone(): ContextUrl {
    return new ContextUrl(this.toString());
  }

  toString(): string {
    const defaultPort = this.Scheme === 'https' ? 443 : 80;
    const port = this.Port === defaultPort ? '' : `:${this.Port}`;
    const path = this.Path.split('/').map(encodePathSegment).join('/');
    return `${this.Scheme}://${this.Host}${port}${path}${this.QueryString}`;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function encodePathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/gi, ':').replace(/%40/g, '@').replace(/%24/g, '$').replace(/%2C/gi, ',');
}
