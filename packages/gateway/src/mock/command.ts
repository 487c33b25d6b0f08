// `apimx mock [--port n] [--host h] [--name s] [--latency-ms n] [--chunk-delay-ms n] [--fail-rate p]
//  [--fail-status n] [--api-key k] [--region r]`: serves the mock until SIGINT/SIGTERM (or until `stop` settles, for tests).
import type { MockBackendOptions } from './options.ts';
import { startMockBackend } from './server.ts';

export const MOCK_USAGE = 'usage: apimx mock [--port n] [--host h] [--name s] [--latency-ms n] [--chunk-delay-ms n] [--fail-rate 0..1] [--fail-status n] [--api-key k] [--region r]';

const NUMERIC: Record<string, 'port' | 'latencyMs' | 'chunkDelayMs' | 'failRate' | 'failStatus'> = {
  '--port': 'port',
  '--latency-ms': 'latencyMs',
  '--chunk-delay-ms': 'chunkDelayMs',
  '--fail-rate': 'failRate',
  '--fail-status': 'failStatus',
};
const TEXT: Record<string, 'host' | 'name' | 'apiKey' | 'region'> = { '--host': 'host', '--name': 'name', '--api-key': 'apiKey', '--region': 'region' };

export function parseMockArgs(args: readonly string[]): MockBackendOptions | string {
  const options: MockBackendOptions = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? args[++i];
    const numeric = NUMERIC[flag];
    const text = TEXT[flag];
    if (numeric === undefined && text === undefined) return `apimx mock: unknown option '${flag}'`;
    if (value === undefined) return `apimx mock: ${flag} needs a value`;
    if (numeric !== undefined) {
      const n = Number(value);
      if (!Number.isFinite(n) || n < 0) return `apimx mock: ${flag} must be a non-negative number, got '${value}'`;
      options[numeric] = n;
    } else {
      options[text!] = value;
    }
  }
  return options;
}

export async function runMockCommand(
  args: readonly string[],
  write: (line: string) => void,
  stop: Promise<unknown> = untilSignal(),
): Promise<number> {
  const options = parseMockArgs(args);
  if (typeof options === 'string') {
    write(options);
    write(MOCK_USAGE);
    return 2;
  }
  const backend = await startMockBackend({ name: 'mock', port: 8081, ...options });
  write(`apimx mock: '${backend.name}' listening on ${backend.url}`);
  write(`  OpenAI:       ${backend.url}/v1/chat/completions`);
  write(`  Azure OpenAI: ${backend.url}/openai/deployments/{deployment-id}/chat/completions?api-version=2024-10-21`);
  write(`  control:      ${backend.url}/__mock/stats, /__mock/failures, /__mock/config, /__mock/reset`);
  write(`  try: curl -s ${backend.url}/v1/chat/completions -H 'content-type: application/json' -d '{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}]}'`);
  await stop;
  await backend.close();
  write('apimx mock: stopped');
  return 0;
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}
