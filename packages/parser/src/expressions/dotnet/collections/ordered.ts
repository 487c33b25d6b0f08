// The result of OrderBy/ThenBy: a stable multi-key sort over a materialised source.
import { csCompare } from './equality.ts';

type Fn = (x: unknown) => unknown;
type Cmp = (a: unknown, b: unknown) => number;

interface SortKey {
  select: Fn;
  compare: Cmp;
  descending: boolean;
}

export class OrderedSequence implements Iterable<unknown> {
  private sorted: unknown[] | null = null;
  constructor(private readonly source: readonly unknown[], private readonly keys: readonly SortKey[]) {}

  static by(source: readonly unknown[], select: Fn, descending: boolean, compare: Cmp = csCompare): OrderedSequence {
    return new OrderedSequence(source, [{ select, compare, descending }]);
  }
  thenBy(select: Fn, descending: boolean, compare: Cmp = csCompare): OrderedSequence {
    return new OrderedSequence(this.source, [...this.keys, { select, compare, descending }]);
  }
  items(): unknown[] {
    if (this.sorted) return this.sorted;
    // Keys are computed once per element, as .NET does.
    const rows = this.source.map((x, i) => ({ x, i, k: this.keys.map((key) => key.select(x)) }));
    rows.sort((a, b) => {
      for (let j = 0; j < this.keys.length; j++) {
        const key = this.keys[j]!;
        const c = key.compare(a.k[j], b.k[j]);
        if (c !== 0) return key.descending ? -c : c;
      }
      return a.i - b.i;
    });
    this.sorted = rows.map((r) => r.x);
    return this.sorted;
  }
  [Symbol.iterator](): Iterator<unknown> {
    return this.items()[Symbol.iterator]();
  }
  toString(): string {
    return 'System.Linq.OrderedEnumerable`2';
  }
}

/** GroupBy's groups: a key and the elements, enumerable like the sequence they came from. */
export class Grouping implements Iterable<unknown> {
  constructor(readonly Key: unknown, readonly elements: unknown[]) {}
  [Symbol.iterator](): Iterator<unknown> {
    return this.elements[Symbol.iterator]();
  }
  toString(): string {
    return 'System.Linq.Grouping`2';
  }
}
