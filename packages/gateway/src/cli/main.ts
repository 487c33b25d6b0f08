// The `apimx` command line: dispatches subcommands.
import { pathToFileURL } from 'node:url';
import { runMockCommand } from '../mock/index.ts';
import { runCheck } from './check.ts';
import { runStart } from './start.ts';
import { runUsage } from './usage.ts';

const USAGE = [
  'usage: apimx <command> [arguments]',
  '',
  'commands:',
  '  check <file|dir>...   validate APIM policy documents (every .xml under each directory)',
  '  start [--config path] [--port n] [--host h]\n                        serve a configuration (default examples/ai-gateway/apimx.yaml), reload on change',
  '  mock [--port n] ...   an OpenAI-compatible mock backend (apimx mock --help)',
  '  usage [--url u] [--from t] [--to t] [--last 24h] [--groupBy dims] [--filter Dim:value]...\n                        token usage of a running gateway, as a table',
].join('\n');

export async function main(args: readonly string[], write: (line: string) => void): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      return runCheck(rest, write);
    case 'start':
      return runStart(rest, write);
    case 'mock':
      return runMockCommand(rest, write);
    case 'usage':
      return runUsage(rest, write);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      write(`apimx: unknown command '${command}'`);
      write(USAGE);
      return 2;
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
}
