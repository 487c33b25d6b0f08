// The `apimx` command line: dispatches subcommands.
import { pathToFileURL } from 'node:url';
import { runCheck } from './check.ts';

const USAGE = [
  'usage: apimx <command> [arguments]',
  '',
  'commands:',
  '  check <file|dir>...   validate APIM policy documents (every .xml under each directory)',
  '  start                 serve the gateway (examples/ai-gateway)',
].join('\n');

export async function main(args: readonly string[], write: (line: string) => void): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'check':
      return runCheck(rest, write);
    case 'start':
      // Serving comes with the gateway issue; until then say what will be served and succeed.
      write('apimx start: will serve examples/ai-gateway (APIs, backends and policies from its configuration)');
      write('apimx start: the gateway is not built yet; nothing is listening');
      return 0;
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
