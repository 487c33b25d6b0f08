// Sums recorded between two collections, per (counter, attribute set), handed to the OpenTelemetry counters just
// before a reader collects. The SDK hashes the attributes on every add() (keys sorted, JSON.stringify) and reads
// the clock and the active context; a request's 3-5 token metrics paid that 3-5 times. Here a record is a map
// lookup and an addition, and the SDK sees one add() per series per collection: the same totals.
import type { Attributes, Counter } from '@opentelemetry/api';

interface Sum {
  value: number;
  /** Recorded since the last flush (0 included: a zero still creates its series). */
  dirty: boolean;
}

/** One attribute set and its sums, one per counter it was recorded on. */
export interface SeriesSet {
  readonly attributes: Attributes;
  readonly sums: Map<Counter, Sum>;
}

export class PendingSums {
  private readonly sets = new Map<string, SeriesSet>();

  /** @param limit attribute sets held between collections; past it they are handed over at once. */
  constructor(private readonly limit = 10_000) {}

  /** Bumped when held sets are handed over and forgotten: a caller's cached SeriesSet is then stale. */
  generation = 0;

  /** The set recorded under `key` (an identity of its attributes), if any. */
  get(key: string): SeriesSet | undefined {
    return this.sets.get(key);
  }

  create(key: string, attributes: Attributes): SeriesSet {
    if (this.sets.size >= this.limit) this.flush(true);
    const created: SeriesSet = { attributes, sums: new Map() };
    this.sets.set(key, created);
    return created;
  }

  add(set: SeriesSet, counter: Counter, value: number): void {
    const sum = set.sums.get(counter);
    if (sum === undefined) set.sums.set(counter, { value, dirty: true });
    else {
      sum.value += value;
      sum.dirty = true;
    }
  }

  /** Adds every pending sum to its counter (in first-recorded order, as the SDK's cardinality limit expects). */
  flush(forget = false): void {
    for (const set of this.sets.values()) {
      for (const [counter, sum] of set.sums) {
        if (!sum.dirty) continue;
        counter.add(sum.value, set.attributes);
        sum.value = 0;
        sum.dirty = false;
      }
    }
    if (forget) {
      this.sets.clear();
      this.generation += 1;
    }
  }
}
