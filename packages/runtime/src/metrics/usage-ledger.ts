// Token usage for chargeback: the token metrics (see token-usage.ts) summed into per-minute buckets per
// (namespace, dimension set), kept for a bounded time in memory, and summarized by any dimensions over a range.
import type { Clock } from '../clock.ts';
import { systemClock } from '../clock.ts';
import type { MetricRecord, MetricsSink } from './sink.ts';
import { TOKEN_METRICS } from './token-usage.ts';

export interface UsageLedgerOptions {
  clock?: Clock;
  /** How long buckets are kept, counted back from the clock's now; default 31 days (a billing month). */
  retentionDays?: number;
  /** Bucket width; default one minute. */
  bucketMs?: number;
  /** Upper bound on buckets held; the oldest bucket times go first when it is reached. Default 200,000. */
  maxBuckets?: number;
}

export interface UsageTotals {
  /** Number of Total Tokens records, i.e. responses whose usage was counted. */
  requests: number;
  prompt: number;
  completion: number;
  total: number;
  cached: number;
  reasoning: number;
}

export interface SummarizeOptions {
  /** Inclusive, rounded down to its bucket; default: everything retained. */
  from?: number | Date;
  /** Exclusive: buckets that start at or after it are left out. */
  to?: number | Date;
  /** Dimension names to group by (a missing dimension groups as ""); empty: one row with the grand total. */
  groupBy?: readonly string[];
  /** Dimension name → the value, or one of the values, a bucket must have (missing counts as ""). */
  filter?: Readonly<Record<string, string | readonly string[]>>;
  /** Only metrics of this namespace; default all. */
  namespace?: string;
  /** Also split rows by time: width in ms (a multiple of the bucket width, e.g. 3_600_000 for hourly). */
  interval?: number;
}

export interface UsageRow extends UsageTotals {
  /** The groupBy dimensions and their values. */
  group: Record<string, string>;
  /** Start of the interval (only with `interval`). */
  start?: number;
}

interface Bucket extends UsageTotals {
  start: number;
  namespace: string;
  dimensions: Readonly<Record<string, string>>;
}

const FIELD_OF: Readonly<Record<string, keyof UsageTotals>> = {
  [TOKEN_METRICS.total]: 'total',
  [TOKEN_METRICS.prompt]: 'prompt',
  [TOKEN_METRICS.completion]: 'completion',
  [TOKEN_METRICS.cached]: 'cached',
  [TOKEN_METRICS.reasoning]: 'reasoning',
};

const DAY_MS = 86_400_000;
// Distinct dimension sets whose sorted key is remembered; past it the memory starts over.
const SORTED_KEY_LIMIT = 10_000;

export class UsageLedger implements MetricsSink {
  private readonly clock: Clock;
  private readonly retentionMs: number;
  private readonly bucketMs: number;
  private readonly maxBuckets: number;
  /** Bucket start → series key → bucket. */
  private readonly buckets = new Map<number, Map<string, Bucket>>();
  private count = 0;
  private droppedRecords = 0;
  private lastPrune = -Infinity;
  // recordTokenUsage sends 3-5 records with one dimensions object, namespace and time: find their bucket once.
  private lastDimensions: Readonly<Record<string, string>> | undefined;
  private lastNamespace = '';
  private lastStart = NaN;
  private lastBucket: Bucket | undefined;
  /** Dimensions in the policy's order → the sorted key (sorting and JSON per request cost more than a lookup). */
  private readonly sortedKeys = new Map<string, string>();

  constructor(options: UsageLedgerOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.retentionMs = (options.retentionDays ?? 31) * DAY_MS;
    this.bucketMs = options.bucketMs ?? 60_000;
    this.maxBuckets = options.maxBuckets ?? 200_000;
  }

  /** Takes the token metrics; other metrics (emit-metric's) are not usage and are ignored. */
  record(metric: MetricRecord): void {
    const field = FIELD_OF[metric.name];
    if (!field || !Number.isFinite(metric.value)) return;
    const now = this.clock.now();
    this.prune(now);
    if (metric.timestamp < now - this.retentionMs) return;
    const start = this.floor(metric.timestamp);
    let bucket = this.lastBucket;
    if (bucket === undefined || metric.dimensions !== this.lastDimensions || metric.namespace !== this.lastNamespace || start !== this.lastStart) {
      bucket = this.bucket(start, metric.namespace, metric.dimensions);
      this.lastBucket = bucket;
      this.lastDimensions = metric.dimensions;
      this.lastNamespace = metric.namespace;
      this.lastStart = start;
    }
    if (!bucket) {
      this.droppedRecords += 1;
      return;
    }
    bucket[field] += metric.value;
    if (field === 'total') bucket.requests += 1;
  }

  summarize(options: SummarizeOptions = {}): UsageRow[] {
    this.prune(this.clock.now());
    const from = options.from === undefined ? -Infinity : this.floor(toMs(options.from));
    const to = options.to === undefined ? Infinity : toMs(options.to);
    const groupBy = options.groupBy ?? [];
    const filter = Object.entries(options.filter ?? {}).map(([name, wanted]) => [name, typeof wanted === 'string' ? [wanted] : wanted] as const);
    const rows = new Map<string, UsageRow>();
    for (const [start, series] of this.buckets) {
      if (start < from || start >= to) continue;
      const intervalStart = options.interval ? Math.floor(start / options.interval) * options.interval : undefined;
      for (const bucket of series.values()) {
        if (options.namespace !== undefined && bucket.namespace !== options.namespace) continue;
        if (!filter.every(([name, wanted]) => wanted.includes(bucket.dimensions[name] ?? ''))) continue;
        const group: Record<string, string> = {};
        for (const name of groupBy) group[name] = bucket.dimensions[name] ?? '';
        const key = JSON.stringify([intervalStart ?? null, groupBy.map((name) => group[name])]);
        let row = rows.get(key);
        if (!row) {
          row = { group, ...zero(), ...(intervalStart === undefined ? {} : { start: intervalStart }) };
          rows.set(key, row);
        }
        row.requests += bucket.requests;
        row.prompt += bucket.prompt;
        row.completion += bucket.completion;
        row.total += bucket.total;
        row.cached += bucket.cached;
        row.reasoning += bucket.reasoning;
      }
    }
    // Time order first (when split by interval), then the biggest consumers first.
    return [...rows.values()].sort((a, b) => (a.start ?? 0) - (b.start ?? 0) || b.total - a.total);
  }

  /** Buckets currently held (for the bound and for tests). */
  get size(): number {
    return this.count;
  }

  /** Records refused because one bucket time alone filled maxBuckets (too many distinct dimension sets). */
  get dropped(): number {
    return this.droppedRecords;
  }

  private bucket(start: number, namespace: string, dimensions: Readonly<Record<string, string>>): Bucket | undefined {
    let series = this.buckets.get(start);
    if (!series) {
      series = new Map();
      this.buckets.set(start, series);
    }
    const key = `${namespace}\u0000${this.dimensionsKey(dimensions)}`;
    let bucket = series.get(key);
    if (!bucket) {
      if (this.count >= this.maxBuckets) this.evictOldest(start);
      if (this.count >= this.maxBuckets) return undefined;
      bucket = { start, namespace, dimensions: { ...dimensions }, ...zero() };
      series.set(key, bucket);
      this.count += 1;
    }
    return bucket;
  }

  private dimensionsKey(dimensions: Readonly<Record<string, string>>): string {
    let listed = '';
    for (const name in dimensions) listed += `${name}\u0001${dimensions[name]!}\u0002`;
    let key = this.sortedKeys.get(listed);
    if (key === undefined) {
      // Sorted, so the same dimensions listed in another order are one series.
      key = JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      if (this.sortedKeys.size >= SORTED_KEY_LIMIT) this.sortedKeys.clear();
      this.sortedKeys.set(listed, key);
    }
    return key;
  }

  private prune(now: number): void {
    // At most once per bucket width: a scan of the bucket times, not of the series.
    if (now - this.lastPrune < this.bucketMs) return;
    this.lastPrune = now;
    const cutoff = this.floor(now - this.retentionMs);
    for (const [start, series] of this.buckets) {
      if (start >= cutoff) continue;
      this.count -= series.size;
      this.buckets.delete(start);
      this.lastBucket = undefined;
    }
  }

  private evictOldest(keep: number): void {
    let oldest = Infinity;
    for (const start of this.buckets.keys()) if (start < oldest && start !== keep) oldest = start;
    const series = this.buckets.get(oldest);
    if (!series) return;
    this.count -= series.size;
    this.buckets.delete(oldest);
    this.lastBucket = undefined;
  }

  private floor(time: number): number {
    return Math.floor(time / this.bucketMs) * this.bucketMs;
  }
}

function zero(): UsageTotals {
  return { requests: 0, prompt: 0, completion: 0, total: 0, cached: 0, reasoning: 0 };
}

function toMs(time: number | Date): number {
  return typeof time === 'number' ? time : time.getTime();
}
