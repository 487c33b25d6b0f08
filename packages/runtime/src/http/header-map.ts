// Case-insensitive, multi-value header dictionary (APIM's IReadOnlyDictionary<string, string[]>).
// Lookups use the lower-cased name; output keeps the spelling under which a header was first seen.

import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

interface Entry {
  name: string;
  values: string[];
}

export type HeaderInit =
  | HeaderMap
  | Iterable<readonly [string, string | readonly string[]]>
  | Record<string, string | readonly string[] | number | undefined>;

export class HeaderMap implements Iterable<[string, string[]]> {
  private readonly map = new Map<string, Entry>();

  constructor(init?: HeaderInit) {
    if (init === undefined) return;
    if (init instanceof HeaderMap) {
      for (const entry of init.map.values()) this.map.set(entry.name.toLowerCase(), { name: entry.name, values: [...entry.values] });
    } else if (Symbol.iterator in init) {
      for (const [name, value] of init as Iterable<readonly [string, string | readonly string[]]>) this.append(name, value);
    } else {
      for (const name of Object.keys(init)) {
        const value = (init as Record<string, string | readonly string[] | number | undefined>)[name];
        if (value !== undefined) this.append(name, typeof value === 'number' ? String(value) : value);
      }
    }
  }

  /**
   * From node's `rawHeaders` ([name, value, name, value, ...]): keeps spelling, order and repeats.
   * `skip` (given the lower-cased name) leaves headers out in the same pass.
   */
  static fromRaw(raw: readonly string[], skip?: (lowerName: string) => boolean): HeaderMap {
    const headers = new HeaderMap();
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
  static fromNode(headers: IncomingHttpHeaders): HeaderMap {
    return new HeaderMap(headers as Record<string, string | string[] | undefined>);
  }

  get size(): number {
    return this.map.size;
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase());
  }

  /** All values of a header, or undefined when absent. The array is live: copy before mutating. */
  get(name: string): readonly string[] | undefined {
    return this.map.get(name.toLowerCase())?.values;
  }

  first(name: string): string | undefined {
    return this.map.get(name.toLowerCase())?.values[0];
  }

  /** Values joined the way APIM's GetValueOrDefault does (comma-separated). */
  joined(name: string, separator = ','): string | undefined {
    return this.map.get(name.toLowerCase())?.values.join(separator);
  }

  /** Replace the values; keeps the existing spelling when the header is already present. */
  set(name: string, value: string | readonly string[]): this {
    const key = name.toLowerCase();
    const values = typeof value === 'string' ? [value] : [...value];
    const entry = this.map.get(key);
    if (entry) entry.values = values;
    else this.map.set(key, { name, values });
    return this;
  }

  append(name: string, value: string | readonly string[]): this {
    const key = name.toLowerCase();
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
    return this.map.delete(name.toLowerCase());
  }

  clear(): void {
    this.map.clear();
  }

  clone(): HeaderMap {
    return new HeaderMap(this);
  }

  /** Visit every header with its lower-cased name (no re-lowering for callers that key by it). */
  forEach(visit: (values: string[], lowerName: string, name: string) => void): void {
    for (const [key, entry] of this.map) visit(entry.values, key, entry.name);
  }

  /** Header names in their first-seen spelling. */
  *names(): IterableIterator<string> {
    for (const entry of this.map.values()) yield entry.name;
  }

  *[Symbol.iterator](): IterableIterator<[string, string[]]> {
    for (const entry of this.map.values()) yield [entry.name, entry.values];
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

  toJSON(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const entry of this.map.values()) out[entry.name] = [...entry.values];
    return out;
  }
}
