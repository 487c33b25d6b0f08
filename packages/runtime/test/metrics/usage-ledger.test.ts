import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { UsageLedger } from '../../src/metrics/usage-ledger.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import type { TokenUsage } from '../../src/metrics/token-usage.ts';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const MINUTE = 60_000;

function use(ledger: UsageLedger, clock: ManualClock, usage: Omit<TokenUsage, 'timestamp'>): void {
  recordTokenUsage(ledger, { ...usage, timestamp: clock.now() });
}

function setup(): { clock: ManualClock; ledger: UsageLedger } {
  const clock = new ManualClock(T0);
  const ledger = new UsageLedger({ clock, retentionDays: 2 });
  use(ledger, clock, { namespace: 'openai', dimensions: { 'Subscription ID': 'team-a', 'API ID': 'chat' }, prompt: 100, completion: 20, cached: 40 });
  clock.advanceSeconds(30);
  use(ledger, clock, { namespace: 'openai', dimensions: { 'API ID': 'chat', 'Subscription ID': 'team-a' }, prompt: 10, completion: 5 });
  clock.advance(5 * MINUTE);
  use(ledger, clock, { namespace: 'openai', dimensions: { 'Subscription ID': 'team-b', 'API ID': 'chat' }, prompt: 7, completion: 3, reasoning: 2 });
  clock.advance(60 * MINUTE);
  use(ledger, clock, { namespace: 'openai', dimensions: { 'Subscription ID': 'team-a', 'API ID': 'embed' }, prompt: 50, completion: 0 });
  use(ledger, clock, { namespace: 'other', dimensions: { 'Subscription ID': 'team-a', 'API ID': 'embed' }, prompt: 1, completion: 1 });
  return { clock, ledger };
}

describe('UsageLedger', () => {
  it('sums everything into one row without groupBy', () => {
    const { ledger } = setup();
    expect(ledger.summarize()).toEqual([
      { group: {}, requests: 5, prompt: 168, completion: 29, total: 197, cached: 40, reasoning: 2 },
    ]);
  });

  it('groups by a dimension, biggest consumer first, treating dimension order as irrelevant', () => {
    const { ledger } = setup();
    const rows = ledger.summarize({ groupBy: ['Subscription ID'] });
    expect(rows.map((r) => [r.group['Subscription ID'], r.requests, r.prompt, r.completion, r.total])).toEqual([
      ['team-a', 4, 161, 26, 187],
      ['team-b', 1, 7, 3, 10],
    ]);
    // The two team-a/chat records in the same minute, listed in different orders, share one bucket.
    expect(ledger.size).toBe(4);
  });

  it('groups by several dimensions and filters by value, list of values and namespace', () => {
    const { ledger } = setup();
    const rows = ledger.summarize({ groupBy: ['API ID', 'Subscription ID'], filter: { 'API ID': ['chat', 'embed'] }, namespace: 'openai' });
    expect(rows.map((r) => [r.group, r.total])).toEqual([
      [{ 'API ID': 'chat', 'Subscription ID': 'team-a' }, 135],
      [{ 'API ID': 'embed', 'Subscription ID': 'team-a' }, 50],
      [{ 'API ID': 'chat', 'Subscription ID': 'team-b' }, 10],
    ]);
    expect(ledger.summarize({ filter: { 'Subscription ID': 'team-b' } })[0]!.total).toBe(10);
    expect(ledger.summarize({ namespace: 'other' })[0]!.total).toBe(2);
    expect(ledger.summarize({ filter: { 'Product ID': 'gold' } })).toEqual([]);
    expect(ledger.summarize({ groupBy: ['Product ID'] })[0]!.group).toEqual({ 'Product ID': '' });
  });

  it('selects a time range by bucket start: from rounded down, to exclusive', () => {
    const { ledger } = setup();
    // From mid-minute of the first record: its minute is still in.
    expect(ledger.summarize({ from: T0 + 10_000, to: T0 + MINUTE })[0]!.total).toBe(135);
    expect(ledger.summarize({ from: T0 + MINUTE, to: T0 + 6 * MINUTE })[0]!.total).toBe(10);
    expect(ledger.summarize({ from: new Date(T0 + 6 * MINUTE) })[0]!.total).toBe(52);
    expect(ledger.summarize({ to: T0 })).toEqual([]);
  });

  it('splits rows by interval', () => {
    const { ledger } = setup();
    const hourly = ledger.summarize({ interval: 3_600_000 });
    expect(hourly.map((r) => [r.start, r.total])).toEqual([
      [T0, 145],
      [T0 + 3_600_000, 52],
    ]);
  });

  it('forgets buckets older than the retention and refuses records already older', () => {
    const { clock, ledger } = setup();
    clock.set(T0 + 2 * 86_400_000 + 10 * MINUTE);
    expect(ledger.summarize()[0]!.total).toBe(52);
    expect(ledger.size).toBe(2);
    recordTokenUsage(ledger, { dimensions: {}, prompt: 1000, completion: 0, timestamp: T0 });
    expect(ledger.summarize()[0]!.total).toBe(52);
    clock.advance(2 * 86_400_000);
    expect(ledger.summarize()).toEqual([]);
    expect(ledger.size).toBe(0);
  });

  it('stays within maxBuckets by dropping the oldest minutes, then refusing new series in a full minute', () => {
    const clock = new ManualClock(T0);
    const ledger = new UsageLedger({ clock, maxBuckets: 3 });
    for (let i = 0; i < 3; i++) {
      use(ledger, clock, { dimensions: { 'User ID': `u${i}` }, prompt: 1, completion: 0 });
      clock.advance(MINUTE);
    }
    use(ledger, clock, { dimensions: { 'User ID': 'u3' }, prompt: 1, completion: 0 });
    expect(ledger.size).toBe(3);
    expect(ledger.summarize({ groupBy: ['User ID'] }).map((r) => r.group['User ID']).sort()).toEqual(['u1', 'u2', 'u3']);
    use(ledger, clock, { dimensions: { 'User ID': 'u4' }, prompt: 1, completion: 0 });
    use(ledger, clock, { dimensions: { 'User ID': 'u5' }, prompt: 1, completion: 0 });
    use(ledger, clock, { dimensions: { 'User ID': 'u6' }, prompt: 1, completion: 0 });
    expect(ledger.size).toBe(3);
    expect(ledger.dropped).toBeGreaterThan(0);
    expect(ledger.summarize({ groupBy: ['User ID'] }).map((r) => r.group['User ID']).sort()).toEqual(['u3', 'u4', 'u5']);
  });

  it('ignores metrics that are not token usage', () => {
    const ledger = new UsageLedger({ clock: new ManualClock(T0) });
    ledger.record({ name: 'Requests', namespace: 'API Management', value: 5, dimensions: {}, timestamp: T0 });
    expect(ledger.summarize()).toEqual([]);
  });
});
