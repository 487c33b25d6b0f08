// `apimx usage`: the token usage summary of a running gateway (its /apimx/usage endpoint) as a table, for chargeback.
import { formatUsageTable, type UsageReport } from '@apimx/runtime';

export const USAGE_USAGE = [
  'usage: apimx usage [--url http://127.0.0.1:8080] [--from t] [--to t] [--last 24h] [--groupBy "Subscription ID,API ID"]',
  '                   [--filter "API ID:chat"]... [--namespace openai] [--interval 1d] [--json]',
].join('\n');

const QUERY_OPTIONS = new Set(['from', 'to', 'last', 'groupBy', 'filter', 'namespace', 'interval']);

export interface UsageArgs {
  url: string;
  query: URLSearchParams;
  json: boolean;
}

export function parseUsageArgs(args: readonly string[]): UsageArgs | string {
  const out: UsageArgs = { url: 'http://127.0.0.1:8080', query: new URLSearchParams(), json: false };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (flag === '--json') {
      out.json = true;
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) return `apimx usage: ${flag} needs a value`;
    const name = flag.replace(/^--/, '');
    if (name === 'url') out.url = value;
    else if (flag.startsWith('--') && QUERY_OPTIONS.has(name)) out.query.append(name, value);
    else return `apimx usage: unknown option '${flag}'`;
  }
  return out;
}

export async function runUsage(args: readonly string[], write: (line: string) => void): Promise<number> {
  const parsed = parseUsageArgs(args);
  if (typeof parsed === 'string') {
    write(parsed);
    write(USAGE_USAGE);
    return 2;
  }
  // The gateway's base URL, or its admin prefix, both work.
  const base = parsed.url.replace(/\/+$/, '').replace(/\/apimx(\/usage)?$/, '');
  const query = parsed.query.toString();
  const target = `${base}/apimx/usage${query ? `?${query}` : ''}`;
  let response: Response;
  try {
    response = await fetch(target);
  } catch (error) {
    write(`apimx usage: cannot reach ${target}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`);
    return 1;
  }
  const text = await response.text();
  if (!response.ok) {
    write(`apimx usage: ${response.status} from ${target}: ${messageOf(text)}`);
    return 1;
  }
  const report = JSON.parse(text) as UsageReport;
  write(parsed.json ? JSON.stringify(report, null, 2) : formatUsageTable(report).trimEnd());
  return 0;
}

function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: unknown };
    return typeof body.message === 'string' ? body.message : text;
  } catch {
    return text;
  }
}
