// Header and query dictionaries: APIM's IReadOnlyDictionary<string, string[]> (spec §2.2), and the one header
// map the whole gateway uses: the runtime builds them from requests, mutates them through this JS API, and
// writes them back out; expressions see only the C# members declared in context-types.ts.
// Lookups use the (lower-cased, when case-insensitive) name; output keeps the spelling first seen.
import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

interface Entry {
  name: string;
  values: string[];
}

export type StringValuesInit =
  | StringValuesDictionary
  | Iterable<readonly [string, string | readonly string[]]>
  | Readonly<Record<string, string | readonly string[] | number | undefined>>;

export class StringValuesDictionary implements Iterable<[string, string[]]> {
  protected readonly map = new Map<string, Entry>();

  constructor(init?: StringValuesInit, readonly caseInsensitive = true) {
    if (init === undefined) return;
    if (init instanceof StringValuesDictionary) {
      for (const entry of init.map.values()) this.map.set(this.key(entry.name), { name: entry.name, values: [...entry.values] });
    } else if (Symbol.iterator in init) {
      for (const [name, value] of init as Iterable<readonly [string, string | readonly string[]]>) this.append(name, value);
    } else {
      for (const name of Object.keys(init)) {
        const value = (init as Record<string, string | readonly string[] | number | undefined>)[name];
        if (value !== undefined) this.append(name, typeof value === 'number' ? String(value) : value);
      }
    }
  }

  protected key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  get size(): number {
    return this.map.size;
  }

  has(name: string): boolean {
    return this.map.has(this.key(name));
  }

  /** All values, or undefined when absent. The array is live: copy before mutating. */
  get(name: string): string[] | undefined {
    return this.map.get(this.key(name))?.values;
  }

  first(name: string): string | undefined {
    return this.map.get(this.key(name))?.values[0];
  }

  /** `GetValueOrDefault`: the values joined with ',' (spec §2.2), or the default when absent. */
  joined(name: string, defaultValue: string | null = null): string | null {
    const values = this.map.get(this.key(name))?.values;
    return values === undefined ? defaultValue : values.join(',');
  }

  /** Replace the values; keeps the existing spelling when the name is already present. */
  set(name: string, value: string | readonly string[]): this {
    const values = typeof value === 'string' ? [value] : [...value];
    const key = this.key(name);
    const entry = this.map.get(key);
    if (entry) entry.values = values;
    else this.map.set(key, { name, values });
    return this;
  }

  append(name: string, value: string | readonly string[]): this {
    const key = this.key(name);
    const entry = this.map.get(key);
    if (entry) {
      if (typeof value === 'string') entry.values.push(value);
      else entry.values.push(...value);
    } else {
      this.map.set(key, { name, values: typeof value === 'string' ? [value] : [...value] });
    }
    return this;
  }

  delete(name: string): boolean {
    return this.map.delete(this.key(name));
  }

  /** Same as delete (the name the expression model used first). */
  remove(name: string): boolean {
    return this.delete(name);
  }

  clear(): void {
    this.map.clear();
  }

  /** Names in their first-seen spelling. */
  names(): string[] {
    const out: string[] = [];
    for (const entry of this.map.values()) out.push(entry.name);
    return out;
  }

  /** Visit every entry with its lookup key (lower-cased when case-insensitive) and its spelling. */
  forEach(visit: (values: string[], key: string, name: string) => void): void {
    for (const [key, entry] of this.map) visit(entry.values, key, entry.name);
  }

  *[Symbol.iterator](): IterableIterator<[string, string[]]> {
    for (const entry of this.map.values()) yield [entry.name, entry.values];
  }

  toJSON(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const entry of this.map.values()) out[entry.name] = [...entry.values];
    return out;
  }
}

/** Request and response headers: case-insensitive, with the conversions to and from node's shapes. */
export class HeaderDictionary extends StringValuesDictionary {
  constructor(init?: StringValuesInit) {
    super(init, true);
  }

  /**
   * From node's `rawHeaders` ([name, value, name, value, ...]): keeps spelling, order and repeats.
   * `skip` (given the lower-cased name) leaves headers out in the same pass.
   */
  static fromRaw(raw: readonly string[], skip?: (lowerName: string) => boolean): HeaderDictionary {
    const headers = new HeaderDictionary();
    const map = headers.map;
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i]!;
      const key = name.toLowerCase();
      if (skip?.(key)) continue;
      const entry = map.get(key);
      if (entry) entry.values.push(raw[i + 1]!);
      else map.set(key, { name, values: [raw[i + 1]!] });
    }
    return headers;
  }

  /** From node's parsed `req.headers` (lower-case names; set-cookie already an array). */
  static fromNode(headers: IncomingHttpHeaders): HeaderDictionary {
    return new HeaderDictionary(headers as Record<string, string | string[] | undefined>);
  }

  clone(): HeaderDictionary {
    return new HeaderDictionary(this);
  }

  /** For node's `writeHead`/`request`: original spelling, arrays for repeated headers. */
  toNode(skip?: (lowerName: string) => boolean): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = {};
    for (const [key, entry] of this.map) {
      if (skip?.(key)) continue;
      out[entry.name] = entry.values.length === 1 ? entry.values[0]! : entry.values;
    }
    return out;
  }
}

/** Query parameters. Case-insensitive names ([UNCONFIRMED] in APIM). */
export class QueryDictionary extends StringValuesDictionary {
  constructor(init?: StringValuesInit) {
    super(init, true);
  }

  static parse(queryString: string): QueryDictionary {
    const q = new QueryDictionary();
    const s = queryString.startsWith('?') ? queryString.slice(1) : queryString;
    if (!s) return q;
    for (const part of s.split('&')) {
      if (!part) continue;
      const eq = part.indexOf('=');
      q.append(decodeQueryPart(eq < 0 ? part : part.slice(0, eq)), decodeQueryPart(eq < 0 ? '' : part.slice(eq + 1)));
    }
    return q;
  }

  clone(): QueryDictionary {
    return new QueryDictionary(this);
  }

  toQueryString(): string {
    const parts: string[] = [];
    for (const [k, vs] of this) for (const v of vs) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    return parts.length ? `?${parts.join('&')}` : '';
  }
}

function decodeQueryPart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
