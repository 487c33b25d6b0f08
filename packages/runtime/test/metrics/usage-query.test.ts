import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { UsageLedger } from '../../src/metrics/usage-ledger.ts';
import { formatUsageTable, parseUsageQuery, usageReport, UsageQueryError } from '../../src/metrics/usage-query.ts';

const NOW = Date.UTC(2026, 10, 2, 12, 0, 0);
const q = (query: string) => parseUsageQuery(new URLSearchParams(query), NOW);

describe('parseUsageQuery', () => {
  it('reads times, groupBy (comma-separated or repeated), filters, namespace and interval', () => {
    expect(q('from=2026-11-01T00:00:00Z&to=1762041600000&groupBy=Subscription ID,API ID&groupBy=User ID&filter=API ID:chat&filter=API ID:embed&filter=Product ID:gold:plus&namespace=openai&interval=1h')).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: 1762041600000,
      groupBy: ['Subscription ID', 'API ID', 'User ID'],
      filter: { 'API ID': ['chat', 'embed'], 'Product ID': ['gold:plus'] },
      namespace: 'openai',
      interval: 3_600_000,
    });
    expect(q('')).toEqual({});
  });

  it('turns last=<duration> into a from relative to now', () => {
    expect(q('last=24h')).toEqual({ from: NOW - 86_400_000 });
    expect(q('last=90s').from).toBe(NOW - 90_000);
    expect(q('last=7d').from).toBe(NOW - 7 * 86_400_000);
  });

  it('rejects what it cannot read, with a message naming the parameter', () => {
    expect(() => q('from=yesterday')).toThrow(UsageQueryError);
    expect(() => q('from=yesterday')).toThrow(/"from" must be an ISO 8601 time/);
    expect(() => q('last=a week')).toThrow(/"last" must be a duration/);
    expect(() => q('interval=0')).toThrow(/longer than zero/);
    expect(() => q('filter=chat')).toThrow(/Dimension:value/);
    expect(() => q('from=2026-11-01&last=1h')).toThrow(/either "from" or "last"/);
  });
});

describe('usageReport and formatUsageTable', () => {
  function ledger(): UsageLedger {
    const clock = new ManualClock(NOW);
    const l = new UsageLedger({ clock });
    recordTokenUsage(l, { dimensions: { 'Subscription ID': 'team-a' }, prompt: 1200, completion: 300, cached: 1000, timestamp: NOW - 7_200_000 });
    recordTokenUsage(l, { dimensions: { 'Subscription ID': 'team-b' }, prompt: 10, completion: 5, reasoning: 3, timestamp: NOW - 60_000 });
    return l;
  }

  it('reports rows with ISO times and grand totals, and prints an aligned table', () => {
    const options = q('groupBy=Subscription ID&last=1d');
    const report = usageReport(ledger().summarize(options), options);
    expect(report).toEqual({
      from: '2026-11-01T12:00:00.000Z',
      to: null,
      groupBy: ['Subscription ID'],
      rows: [
        { group: { 'Subscription ID': 'team-a' }, requests: 1, prompt: 1200, completion: 300, total: 1500, cached: 1000, reasoning: 0 },
        { group: { 'Subscription ID': 'team-b' }, requests: 1, prompt: 10, completion: 5, total: 15, cached: 0, reasoning: 3 },
      ],
      totals: { requests: 2, prompt: 1210, completion: 305, total: 1515, cached: 1000, reasoning: 3 },
    });
    expect(formatUsageTable(report)).toBe(
      [
        'Subscription ID  Requests  Prompt  Completion  Total  Cached  Reasoning',
        'team-a                  1    1200         300   1500    1000          0',
        'team-b                  1      10           5     15       0          3',
        'TOTAL                   2    1210         305   1515    1000          3',
        '',
      ].join('\n'),
    );
  });

  it('prints interval rows with their start, and only the total without groups', () => {
    const hourly = q('interval=1h');
    const report = usageReport(ledger().summarize(hourly), hourly);
    expect(report.rows.map((row) => [row.start, row.total])).toEqual([
      ['2026-11-02T10:00:00.000Z', 1500],
      ['2026-11-02T11:00:00.000Z', 15],
    ]);
    expect(formatUsageTable(report).split('\n')[1]).toMatch(/^2026-11-02T10:00:00.000Z\s+1\s+1200/);
    const all = usageReport(ledger().summarize({}), {});
    expect(formatUsageTable(all)).toBe(
      ['       Requests  Prompt  Completion  Total  Cached  Reasoning', 'TOTAL         2    1210         305   1515    1000          3', ''].join('\n'),
    );
  });
});
