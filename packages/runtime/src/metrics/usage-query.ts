// The usage summary's query language, shared by the admin endpoint (`/apimx/usage?...`) and the CLI:
//   from, to     ISO 8601 time or epoch ms (to is exclusive)
//   last         a duration back from now instead of from: 90s, 30m, 24h, 7d
//   groupBy      dimension names, comma-separated or repeated: groupBy=Subscription ID,API ID
//   filter       Dimension:value, repeated; the same dimension twice means either value
//   namespace    only that metric namespace
//   interval     split rows by time: 1h, 1d, or ms
import type { SummarizeOptions, UsageRow, UsageTotals } from './usage-ledger.ts';

export class UsageQueryError extends Error {}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseUsageQuery(params: URLSearchParams, now: number): SummarizeOptions {
  const options: SummarizeOptions = {};
  const from = params.get('from');
  const last = params.get('last');
  if (from !== null && last !== null) throw new UsageQueryError('give either "from" or "last", not both');
  if (from !== null) options.from = parseTime('from', from);
  if (last !== null) options.from = now - parseDuration('last', last);
  const to = params.get('to');
  if (to !== null) options.to = parseTime('to', to);
  const groupBy = params.getAll('groupBy').flatMap((value) => value.split(',')).map((name) => name.trim()).filter(Boolean);
  if (groupBy.length > 0) options.groupBy = groupBy;
  const filter: Record<string, string[]> = {};
  for (const entry of params.getAll('filter')) {
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new UsageQueryError(`filter "${entry}" must read Dimension:value`);
    const name = entry.slice(0, colon).trim();
    (filter[name] ??= []).push(entry.slice(colon + 1));
  }
  if (Object.keys(filter).length > 0) options.filter = filter;
  const namespace = params.get('namespace');
  if (namespace !== null) options.namespace = namespace;
  const interval = params.get('interval');
  if (interval !== null) options.interval = parseDuration('interval', interval);
  return options;
}

export interface UsageReport {
  from: string | null;
  to: string | null;
  groupBy: string[];
  rows: (UsageTotals & { group: Record<string, string>; start?: string })[];
  totals: UsageTotals;
}

/** The admin endpoint's JSON: times as ISO strings, and the grand totals. */
export function usageReport(rows: readonly UsageRow[], options: SummarizeOptions): UsageReport {
  const totals: UsageTotals = { requests: 0, prompt: 0, completion: 0, total: 0, cached: 0, reasoning: 0 };
  for (const row of rows) {
    for (const key of Object.keys(totals) as (keyof UsageTotals)[]) totals[key] += row[key];
  }
  return {
    from: options.from === undefined ? null : new Date(options.from).toISOString(),
    to: options.to === undefined ? null : new Date(options.to).toISOString(),
    groupBy: [...(options.groupBy ?? [])],
    rows: rows.map(({ start, ...row }) => (start === undefined ? row : { ...row, start: new Date(start).toISOString() })),
    totals,
  };
}

/** A plain-text table for the CLI: the time and group columns, then the counts; a TOTAL line last. */
export function formatUsageTable(report: UsageReport): string {
  const timed = report.rows.some((row) => row.start !== undefined);
  const labels = [...(timed ? ['Start'] : []), ...report.groupBy];
  const counts = (t: UsageTotals): string[] => [t.requests, t.prompt, t.completion, t.total, t.cached, t.reasoning].map(String);
  const header = [...(labels.length > 0 ? labels : ['']), 'Requests', 'Prompt', 'Completion', 'Total', 'Cached', 'Reasoning'];
  // Without labels the only row is the total itself.
  const body = labels.length === 0 ? [] : report.rows.map((row) => [...(timed ? [row.start ?? ''] : []), ...report.groupBy.map((name) => row.group[name] ?? ''), ...counts(row)]);
  const footer = [...(labels.length > 0 ? labels : ['']).map((_, i) => (i === 0 ? 'TOTAL' : '')), ...counts(report.totals)];
  const table = [header, ...body, footer];
  const widths = header.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
  const firstCount = header.length - 6;
  const lines = table.map((line) =>
    line
      .map((cell, column) => (column >= firstCount ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

function parseTime(name: string, text: string): number {
  const time = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (!Number.isFinite(time)) throw new UsageQueryError(`"${name}" must be an ISO 8601 time or epoch milliseconds, not "${text}"`);
  return time;
}

function parseDuration(name: string, text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) throw new UsageQueryError(`"${name}" must be a duration such as 30m, 24h, 7d or milliseconds, not "${text}"`);
  const ms = Number(match[1]) * UNIT_MS[match[2] ?? 'ms']!;
  if (ms <= 0) throw new UsageQueryError(`"${name}" must be longer than zero`);
  return ms;
}
