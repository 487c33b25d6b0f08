// HashSet<T>: insertion-ordered set under default equality or a StringComparer.
import { CsStringComparer, keyFn } from './string-comparer.ts';
import { dotnetTypeName } from './list.ts';

export class CsHashSet implements Iterable<unknown> {
  private readonly entries = new Map<string, unknown>();
  private readonly keyOf: (v: unknown) => string;
  constructor(readonly elementType = 'dynamic', readonly comparer: CsStringComparer | null = null) {
    this.keyOf = keyFn(comparer);
  }
  get Count(): number {
    return this.entries.size;
  }
  add(v: unknown): boolean {
    const k = this.keyOf(v);
    if (this.entries.has(k)) return false;
    this.entries.set(k, v);
    return true;
  }
  has(v: unknown): boolean {
    return this.entries.has(this.keyOf(v));
  }
  remove(v: unknown): boolean {
    return this.entries.delete(this.keyOf(v));
  }
  clear(): void {
    this.entries.clear();
  }
  /** Keeps only the elements for which `keep` holds. */
  retain(keep: (v: unknown) => boolean): void {
    for (const [k, v] of [...this.entries]) if (!keep(v)) this.entries.delete(k);
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.entries.values();
  }
  toString(): string {
    return `System.Collections.Generic.HashSet\`1[${dotnetTypeName(this.elementType)}]`;
  }
}
