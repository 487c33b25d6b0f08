// Shared by the HTTP benchmarks: a raw node:http pipe proxy as the baseline, and autocannon runs.
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';

export interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** The baseline: node:http piping every request to one upstream with a keep-alive agent. */
export async function startRawProxy(upstream: string): Promise<{ url: string; close(): Promise<void> }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const out = http.request(
      { hostname: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    out.on('error', () => {
      res.statusCode = 502;
      res.end();
    });
    req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}

export interface LoadOptions {
  path: string;
  body: string;
  headers?: Record<string, string>;
  connections: number;
  seconds: number;
}

export function measure(url: string, options: LoadOptions): Promise<AutocannonResult> {
  return autocannon({
    url: url + options.path,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    connections: options.connections,
    duration: options.seconds,
    workers: 1,
  });
}

export function resultLine(name: string, r: AutocannonResult): string {
  return `  ${name.padEnd(26)} ${r.requests.average.toFixed(0).padStart(6)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   errors ${r.errors + r.non2xx}`;
}

export interface Comparison {
  /** The round whose ratio is the median, raw and apimx as measured in it. */
  raw: AutocannonResult;
  apimx: AutocannonResult;
  /** apimx/raw requests/s of every round, in order, and their median. */
  ratios: number[];
  ratio: number;
}

/**
 * Warm both up, then measure raw and apimx in alternating rounds and take the median ratio. On a small shared
 * machine one pair of runs swings by ±20 % from one run to the next; alternating rounds meet the same conditions
 * and the median discards an outlier round.
 */
export async function compareAlternating(
  rawUrl: string,
  apimxUrl: string,
  load: Omit<LoadOptions, 'seconds'>,
  plan: { warmupSeconds: number; roundSeconds: number; rounds: number; beforeApimx?: () => void },
): Promise<Comparison> {
  await measure(rawUrl, { ...load, seconds: plan.warmupSeconds });
  await measure(apimxUrl, { ...load, seconds: plan.warmupSeconds });
  const rounds: { raw: AutocannonResult; apimx: AutocannonResult; ratio: number }[] = [];
  for (let i = 0; i < plan.rounds; i++) {
    const raw = await measure(rawUrl, { ...load, seconds: plan.roundSeconds });
    plan.beforeApimx?.();
    const apimx = await measure(apimxUrl, { ...load, seconds: plan.roundSeconds });
    rounds.push({ raw, apimx, ratio: apimx.requests.average / raw.requests.average });
  }
  const median = [...rounds].sort((a, b) => a.ratio - b.ratio)[Math.floor(rounds.length / 2)]!;
  return { raw: median.raw, apimx: median.apimx, ratios: rounds.map((r) => r.ratio), ratio: median.ratio };
}

/** The plan every HTTP benchmark uses, and how its header line describes it. */
export const ROUNDS = { warmupSeconds: 2, roundSeconds: 4, rounds: 5 };
export const ROUNDS_TEXT = `${ROUNDS.rounds} alternating rounds of ${ROUNDS.roundSeconds} s each after ${ROUNDS.warmupSeconds} s warm-up, the median round shown`;

export function ratioLine(c: Comparison, target?: number): string {
  const each = c.ratios.map((r) => r.toFixed(2)).join(', ');
  const verdict = target === undefined ? '' : ` (target >= ${target}: ${c.ratio >= target ? 'met' : 'NOT met'})`;
  return `  apimx/raw requests/s: ${c.ratio.toFixed(2)}${verdict}; rounds ${each}`;
}
