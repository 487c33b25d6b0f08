// Dictionary<K,V>: insertion-ordered (as .NET's is until something is removed), keyed through an optional
// StringComparer so that OrdinalIgnoreCase works.
import { ExpressionError } from '../registry.ts';
import { KeyValuePair } from './key-value-pair.ts';
import { displayString } from './display.ts';
import { nullArgument } from './iterate.ts';
import { CsStringComparer, keyFn } from './string-comparer.ts';
import { dotnetTypeName } from './list.ts';
import { defaultOf } from './type-names.ts';

export class CsDictionary implements Iterable<KeyValuePair> {
  private readonly entries = new Map<string, KeyValuePair>();
  private readonly keyOf: (v: unknown) => string;
  constructor(
    readonly keyType = 'dynamic',
    readonly valueType = 'dynamic',
    readonly comparer: CsStringComparer | null = null,
  ) {
    this.keyOf = keyFn(comparer);
  }
  get Count(): number {
    return this.entries.size;
  }
  private k(key: unknown): string {
    if (key === null || key === undefined) throw nullArgument('key');
    return this.keyOf(key);
  }
  /** Add: throws on a duplicate key. */
  add(key: unknown, value: unknown): void {
    const k = this.k(key);
    if (this.entries.has(k)) {
      throw new ExpressionError(`An item with the same key has already been added. Key: ${displayString(key)}`, 'ArgumentException');
    }
    this.entries.set(k, new KeyValuePair(key, value));
  }
  tryAdd(key: unknown, value: unknown): boolean {
    const k = this.k(key);
    if (this.entries.has(k)) return false;
    this.entries.set(k, new KeyValuePair(key, value));
    return true;
  }
  /** Indexer set: replaces the value, keeps the original key and position. */
  set(key: unknown, value: unknown): void {
    const k = this.k(key);
    const old = this.entries.get(k);
    this.entries.set(k, new KeyValuePair(old ? old.Key : key, value));
  }
  has(key: unknown): boolean {
    return this.entries.has(this.k(key));
  }
  find(key: unknown): KeyValuePair | undefined {
    return this.entries.get(this.k(key));
  }
  /** Indexer get: KeyNotFoundException as .NET words it. */
  get(key: unknown): unknown {
    const e = this.find(key);
    if (!e) throw new ExpressionError(`The given key '${displayString(key)}' was not present in the dictionary.`, 'KeyNotFoundException');
    return e.Value;
  }
  remove(key: unknown): KeyValuePair | undefined {
    const k = this.k(key);
    const e = this.entries.get(k);
    if (e) this.entries.delete(k);
    return e;
  }
  clear(): void {
    this.entries.clear();
  }
  defaultValue(): unknown {
    return defaultOf(this.valueType);
  }
  keys(): unknown[] {
    return [...this.entries.values()].map((e) => e.Key);
  }
  values(): unknown[] {
    return [...this.entries.values()].map((e) => e.Value);
  }
  [Symbol.iterator](): Iterator<KeyValuePair> {
    return this.entries.values();
  }
  toString(): string {
    return `System.Collections.Generic.Dictionary\`2[${dotnetTypeName(this.keyType)},${dotnetTypeName(this.valueType)}]`;
  }
}
