// The ledger finds a record's bucket once for the 3-5 records of one usage; one dimensions object reused across
// namespaces, minutes and evictions must still land in the right bucket every time.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { UsageLedger } from '../../src/metrics/usage-ledger.ts';

const T0 = Date.UTC(2026, 10, 1, 9, 0, 0);
const MINUTE = 60_000;

describe('UsageLedger with one dimensions object reused', () => {
  it('keeps namespaces and minutes apart', () => {
    const clock = new ManualClock(T0);
    const ledger = new UsageLedger({ clock });
    const dimensions = { 'Subscription ID': 'a' };
    recordTokenUsage(ledger, { namespace: 'openai', dimensions, prompt: 1, completion: 1, timestamp: T0 });
    recordTokenUsage(ledger, { namespace: 'other', dimensions, prompt: 10, completion: 10, timestamp: T0 });
    recordTokenUsage(ledger, { namespace: 'openai', dimensions, prompt: 100, completion: 100, timestamp: T0 + MINUTE });
    const rows = ledger.summarize({ namespace: 'openai', interval: MINUTE });
    expect(rows.map((r) => [r.start, r.total, r.requests])).toEqual([[T0, 2, 1], [T0 + MINUTE, 200, 1]]);
    expect(ledger.summarize({ namespace: 'other' })[0]!.total).toBe(20);
  });

  it('counts into a new bucket after its cached one was evicted', () => {
    const clock = new ManualClock(T0);
    const ledger = new UsageLedger({ clock, maxBuckets: 1 });
    const dimensions = { 'Subscription ID': 'a' };
    recordTokenUsage(ledger, { dimensions, prompt: 1, completion: 0, timestamp: T0 });
    recordTokenUsage(ledger, { dimensions, prompt: 2, completion: 0, timestamp: T0 + MINUTE });
    recordTokenUsage(ledger, { dimensions, prompt: 4, completion: 0, timestamp: T0 + MINUTE });
    expect(ledger.size).toBe(1);
    expect(ledger.summarize({ interval: MINUTE }).map((r) => [r.start, r.prompt, r.requests])).toEqual([[T0 + MINUTE, 6, 2]]);
  });

  it('counts into a new bucket after retention pruned the old ones', () => {
    const clock = new ManualClock(T0);
    const ledger = new UsageLedger({ clock, retentionDays: 1 });
    const dimensions = { 'Subscription ID': 'a' };
    recordTokenUsage(ledger, { dimensions, prompt: 1, completion: 0, timestamp: clock.now() });
    clock.advance(2 * 86_400_000);
    recordTokenUsage(ledger, { dimensions, prompt: 5, completion: 0, timestamp: clock.now() });
    expect(ledger.summarize().map((r) => r.prompt)).toEqual([5]);
  });
});
