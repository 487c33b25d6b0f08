// Reading untyped configuration (YAML/JSON) into typed values while recording every problem with its JSON path.
import { childPath, type ConfigIssue } from './config-error.ts';

export type Plain = Readonly<Record<string, unknown>>;

export function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`;
}

/** One object of the configuration and where it is. */
export class Fields {
  constructor(
    readonly issues: ConfigIssue[],
    readonly path: string,
    readonly value: Plain,
  ) {}

  /** `value` as an object, or an issue at `path`. */
  static of(issues: ConfigIssue[], path: string, value: unknown): Fields | undefined {
    if (isPlain(value)) return new Fields(issues, path, value);
    issues.push({ path, message: `expected an object, found ${describe(value)}` });
    return undefined;
  }

  at(key: string): string {
    return childPath(this.path, key);
  }

  fail(key: string, message: string): undefined {
    this.issues.push({ path: this.at(key), message });
    return undefined;
  }

  /** Unknown fields are errors: a typo must not silently change what is served. */
  only(...known: string[]): this {
    for (const key of Object.keys(this.value)) {
      if (!known.includes(key)) this.fail(key, `unknown field '${key}' (expected one of: ${known.join(', ')})`);
    }
    return this;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined && this.value[key] !== null;
  }

  string(key: string): string | undefined;
  string(key: string, fallback: string): string;
  string(key: string, fallback?: string): string | undefined {
    const value = this.value[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    return this.fail(key, `expected a string, found ${describe(value)}`) ?? fallback;
  }

  required(key: string): string | undefined {
    const value = this.string(key);
    if (value === undefined) return this.fail(key, 'is required');
    if (value === '') return this.fail(key, 'must not be empty');
    return value;
  }

  bool(key: string, fallback: boolean): boolean {
    const value = this.value[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    this.fail(key, `expected true or false, found ${describe(value)}`);
    return fallback;
  }

  integer(key: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
    const value = this.value[key];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.fail(key, `expected an integer from ${min} to ${max}, found ${describe(value)}`);
    return fallback;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[], fallback: T): T {
    const value = this.string(key);
    if (value === undefined) return fallback;
    const found = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
    if (found !== undefined) return found;
    this.fail(key, `expected one of ${allowed.join(', ')}, found '${value}'`);
    return fallback;
  }

  object(key: string): Fields | undefined {
    if (!this.has(key)) return undefined;
    return Fields.of(this.issues, this.at(key), this.value[key]);
  }

  /** An object used as a map (`apis: { id: {...} }`): its entries with their paths. */
  entries(key: string): [string, unknown, string][] {
    const map = this.object(key);
    if (!map) return [];
    return Object.entries(map.value).map(([name, value]) => [name, value, map.at(name)]);
  }

  list(key: string): [unknown, string][] {
    const value = this.value[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.fail(key, `expected a list, found ${describe(value)}`);
      return [];
    }
    return value.map((item, i) => [item, childPath(this.at(key), i)]);
  }

  strings(key: string): string[] {
    const out: string[] = [];
    for (const [item, path] of this.list(key)) {
      if (typeof item === 'string') out.push(item);
      else this.issues.push({ path, message: `expected a string, found ${describe(item)}` });
    }
    return out;
  }
}
