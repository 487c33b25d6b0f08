// Header and query dictionaries: IReadOnlyDictionary<string, string[]>, case-insensitive names (spec §2.2).
// The runtime builds them from requests and mutates them through the JS API (set/append/remove); expressions
// see only the C# members declared in context-types.ts.

export type StringValuesInit = Iterable<readonly [string, string | readonly string[]]> | Readonly<Record<string, string | readonly string[]>>;

export class StringValuesDictionary {
  /** Lower-cased name → [name as first written, values]. */
  private readonly entries = new Map<string, [string, string[]]>();

  constructor(init?: StringValuesInit, readonly caseInsensitive = true) {
    if (!init) return;
    const pairs = Symbol.iterator in init ? (init as Iterable<readonly [string, string | readonly string[]]>) : Object.entries(init);
    for (const [k, v] of pairs) this.append(k, v);
  }

  private key(name: string): string {
    return this.caseInsensitive ? name.toLowerCase() : name;
  }

  get(name: string): string[] | undefined {
    return this.entries.get(this.key(name))?.[1];
  }

  has(name: string): boolean {
    return this.entries.has(this.key(name));
  }

  set(name: string, values: string | readonly string[]): void {
    this.entries.set(this.key(name), [name, typeof values === 'string' ? [values] : [...values]]);
  }

  append(name: string, values: string | readonly string[]): void {
    const cur = this.entries.get(this.key(name));
    const add = typeof values === 'string' ? [values] : [...values];
    if (cur) cur[1].push(...add);
    else this.entries.set(this.key(name), [name, add]);
  }

  remove(name: string): boolean {
    return this.entries.delete(this.key(name));
  }

  /** Names as first written. */
  names(): string[] {
    return [...this.entries.values()].map(([n]) => n);
  }

  get size(): number {
    return this.entries.size;
  }

  *[Symbol.iterator](): IterableIterator<[string, string[]]> {
    for (const [name, values] of this.entries.values()) yield [name, values];
  }

  /** `GetValueOrDefault`: the values joined with ',' (spec §2.2), or the default when absent. */
  joined(name: string, defaultValue: string | null = null): string | null {
    const v = this.get(name);
    return v === undefined ? defaultValue : v.join(',');
  }
}

export class HeaderDictionary extends StringValuesDictionary {
  constructor(init?: StringValuesInit) {
    super(init, true);
  }
}

/** Query parameters. Case-insensitive names as the brief for this model asks ([UNCONFIRMED] in APIM). */
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
      const dec = (x: string): string => {
        try {
          return decodeURIComponent(x.replace(/\+/g, ' '));
        } catch {
          return x;
        }
      };
      q.append(dec(eq < 0 ? part : part.slice(0, eq)), dec(eq < 0 ? '' : part.slice(eq + 1)));
    }
    return q;
  }

  toQueryString(): string {
    const parts: string[] = [];
    for (const [k, vs] of this) for (const v of vs) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    return parts.length ? `?${parts.join('&')}` : '';
  }
}
