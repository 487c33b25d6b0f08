// The real `apimx` command in its own process, for tests of what only a process shows (signals, exit codes, a
// port it leaves behind). It is one node process running the TypeScript CLI through tsx's loader
// (`node --import tsx`), so a signal sent to `child` reaches the gateway itself, not a wrapper that could leave
// it orphaned. Always `await cli.kill()` in afterEach: it ends the process if a test failed half way.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CliExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface CliProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the first match of `pattern` in the output; rejects if the process ends without one. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Settles when the process has ended. */
  readonly exited: Promise<CliExit>;
  /** SIGKILL unless it has ended already; resolves once it has. */
  kill(): Promise<CliExit>;
}

/** `apimx <args>` as a child process (cwd: the repository root). */
export function spawnApimx(args: readonly string[], options: { env?: NodeJS.ProcessEnv } = {}): CliProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    cwd: ROOT,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const check of waiters) check();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  let ended = false;
  const exited = new Promise<CliExit>((resolve) => {
    child.on('close', (code, signal) => {
      ended = true;
      for (const check of waiters) check();
      resolve({ code, signal });
    });
  });
  return {
    child,
    output: () => output,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (match) {
            waiters.delete(check);
            resolve(match);
          } else if (ended) {
            waiters.delete(check);
            reject(new Error(`apimx ended without printing ${pattern}; it printed:\n${output}`));
          }
        };
        waiters.add(check);
        check();
      });
    },
    exited,
    kill() {
      if (!ended) child.kill('SIGKILL');
      return exited;
    },
  };
}
