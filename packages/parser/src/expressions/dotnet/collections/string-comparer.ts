// StringComparer: the comparers policies pass to Dictionary/HashSet (OrdinalIgnoreCase above all).
import { compareStringsCulture } from './equality.ts';
import { hashKey } from './equality.ts';

export class CsStringComparer {
  constructor(readonly name: string, readonly ignoreCase: boolean, readonly culture: boolean) {}

  /** The hash key of a value under this comparer (strings fold case when ignoreCase). */
  key(v: unknown): string {
    return this.ignoreCase && typeof v === 'string' ? 's:' + v.toUpperCase() : hashKey(v);
  }
  equals(a: unknown, b: unknown): boolean {
    if (a === null || b === null) return a === b;
    return this.key(a) === this.key(b);
  }
  compare(a: string | null, b: string | null): number {
    if (a === b) return 0;
    if (a === null) return -1;
    if (b === null) return 1;
    const x = this.ignoreCase ? a.toUpperCase() : a;
    const y = this.ignoreCase ? b.toUpperCase() : b;
    if (this.culture) return compareStringsCulture(x, y);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  toString(): string {
    return `System.${this.name}`;
  }
}

export const STRING_COMPARERS = {
  Ordinal: new CsStringComparer('OrdinalComparer', false, false),
  OrdinalIgnoreCase: new CsStringComparer('OrdinalIgnoreCaseComparer', true, false),
  InvariantCulture: new CsStringComparer('CultureAwareComparer', false, true),
  InvariantCultureIgnoreCase: new CsStringComparer('CultureAwareComparer', true, true),
  CurrentCulture: new CsStringComparer('CultureAwareComparer', false, true),
  CurrentCultureIgnoreCase: new CsStringComparer('CultureAwareComparer', true, true),
} as const;

/** The key function of an optional comparer argument (default equality when absent). */
export function keyFn(comparer: unknown): (v: unknown) => string {
  return comparer instanceof CsStringComparer ? (v) => comparer.key(v) : hashKey;
}
