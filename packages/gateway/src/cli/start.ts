// `apimx start [--config path] [--port n] [--host h]`: serve a configuration, reload it on change, stop
// gracefully on SIGTERM/SIGINT (in-flight requests finish, exit 0).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PortInUseError } from '../server/listen.ts';
import { startGateway, type RunningGateway } from '../server/start-gateway.ts';

export const DEFAULT_CONFIG = resolve(fileURLToPath(new URL('../../../../examples/ai-gateway/apimx.yaml', import.meta.url)));
export const START_USAGE = 'usage: apimx start [--config path] [--port n] [--host h]';

export const DEFAULT_PORT = 8080;
/** Without --port: 8080, else the first free one of the next ten. */
const DEFAULT_PORT_FALLBACKS = 10;

export interface StartArgs {
  config: string;
  /** null: none given (8080 unless taken). */
  port: number | null;
  host: string;
}

export function parseStartArgs(args: readonly string[]): StartArgs | string {
  const out: StartArgs = { config: DEFAULT_CONFIG, port: null, host: '127.0.0.1' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    if (value === undefined) return `apimx start: ${flag} needs a value`;
    if (flag === '--config' || flag === '-c') out.config = resolve(value);
    else if (flag === '--host') out.host = value;
    else if (flag === '--port' || flag === '-p') {
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) return `apimx start: --port must be 0..65535, got '${value}'`;
      out.port = port;
    } else return `apimx start: unknown option '${flag}'`;
  }
  return out;
}

/**
 * Resolves with the exit code once the gateway has stopped: when what `stop()` returns settles (by default the
 * first SIGTERM or SIGINT). `stop` is called only once the gateway serves, so a failed start leaves no signal
 * handler behind and the process ends with exit 1.
 */
export async function runStart(
  args: readonly string[],
  write: (line: string) => void,
  stop?: () => Promise<unknown>,
): Promise<number> {
  const parsed = parseStartArgs(args);
  if (typeof parsed === 'string') {
    write(parsed);
    write(START_USAGE);
    return 2;
  }
  const port = parsed.port ?? DEFAULT_PORT;
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      ...parsed,
      port,
      portFallbacks: parsed.port === null ? DEFAULT_PORT_FALLBACKS : 0,
      watch: true,
      log: write,
    });
  } catch (error) {
    if (error instanceof PortInUseError) {
      write(`apimx start: ${error.message}; stop what is using it or choose another with --port (0 picks a free one)`);
      return 1;
    }
    write(`apimx start: cannot serve ${parsed.config}`);
    write((error as Error).message);
    return 1;
  }
  if (gateway.port !== port && port !== 0) write(`apimx: port ${port} is taken; using ${gateway.port}`);
  for (const line of banner(gateway)) write(line);
  const signals = stop ? null : new StopSignals();
  const signal = await (stop ? stop() : signals!.first);
  // close() stops accepting before it returns its promise, so whoever reads this line finds the port closed.
  const closing = gateway.close();
  write(`apimx: ${typeof signal === 'string' ? `${signal}: ` : ''}stopping; waiting for ${gateway.inFlight()} in-flight request(s)`);
  await closing;
  signals?.dispose();
  write('apimx: stopped');
  return 0;
}

function banner(gateway: RunningGateway): string[] {
  const model = gateway.model();
  const lines = [`apimx: serving ${model.config.file}`, `apimx: listening on ${gateway.url} (port ${gateway.port})`];
  const { gatewayId } = model.config.service;
  if (gatewayId !== 'managed') lines.push(`apimx: running as the self-hosted gateway '${gatewayId}' (context.Deployment.Gateway.IsManaged is false)`);
  for (const mock of gateway.mocks.running.values()) lines.push(`apimx: mock backend '${mock.name}' on ${mock.url}`);
  for (const logger of model.config.loggers.values()) {
    if (logger.sink === null) lines.push(`apimx: logger '${logger.id}' (${logger.loggerType}) is not written to locally (metrics go where metrics: says)`);
    else lines.push(`apimx: logger '${logger.id}': log-to-eventhub messages as JSON lines to ${logger.sink.kind === 'stdout' ? 'stdout' : logger.sink.path}`);
  }
  const stores = model.config.stores;
  if (stores.type === 'redis') {
    lines.push(`apimx: counters, cache and concurrency in Redis (${stores.url.replace(/\/\/[^@/]*@/, '//***@')}, prefix '${stores.keyPrefix}', fail ${stores.onUnavailable})`);
  }
  for (const api of model.config.apis.values()) lines.push(`  API ${api.id}: ${gateway.url}/${api.path}`);
  const key = [...model.config.subscriptions.values()].find((s) => s.state === 'active')?.primaryKey;
  const aoai = [...model.config.apis.values()].find((api) => api.operations.kind === 'azure-openai');
  const v1 = [...model.config.apis.values()].find((api) => api.operations.kind === 'openai-v1');
  const sample = aoai
    ? { api: aoai, path: `/${aoai.path}/deployments/gpt-4o/chat/completions?api-version=2024-10-21` }
    : v1
      ? { api: v1, path: `/${v1.path}/chat/completions` }
      : null;
  if (sample) {
    const header = key ? ` -H '${sample.api.subscriptionKeyParameterNames.header}: ${key}'` : '';
    lines.push('try:');
    lines.push(`  curl -s '${gateway.url}${sample.path.replace(/\/+/g, '/')}' -H 'content-type: application/json'${header} \\`);
    lines.push(`    -d '{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}'`);
  }
  lines.push(`  metrics: ${gateway.url}/apimx/metrics   usage: ${gateway.url}/apimx/usage?groupBy=Subscription%20ID`);
  lines.push(`  traces: ${gateway.url}/apimx/traces   health: ${gateway.url}/apimx/health`);
  return lines;
}

/**
 * SIGTERM and SIGINT ask for a graceful stop. Later ones are absorbed until the stop is done: under `npm start` a
 * Ctrl-C reaches the gateway twice (from the terminal and forwarded by npm), and close() gives up on requests
 * still running after 30 s anyway.
 */
class StopSignals {
  readonly first: Promise<NodeJS.Signals>;
  private readonly on: (signal: NodeJS.Signals) => void;

  constructor() {
    let resolve!: (signal: NodeJS.Signals) => void;
    this.first = new Promise((done) => (resolve = done));
    this.on = (signal) => resolve(signal);
    process.on('SIGTERM', this.on);
    process.on('SIGINT', this.on);
  }

  dispose(): void {
    process.off('SIGTERM', this.on);
    process.off('SIGINT', this.on);
  }
}
