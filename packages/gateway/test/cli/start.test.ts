// `apimx start`: serves the example on a free port, prints the port and a sample curl, stops when told to; without
// --port it takes 8080 unless that is taken, then the next free one, and says so.
import { createServer, type Server } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseStartArgs, runStart } from '../../src/cli/start.ts';

/** Runs `apimx start <args>` until its banner is out, then stops it; resolves with the exit code and the lines. */
async function startAndStop(args: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const code = await runStart(args, (line) => {
    lines.push(line);
    if (line.includes('health:')) stop();
  }, () => stopped);
  return { code, lines };
}

/** Makes sure 8080 is taken: by a server of ours (returned), or already by someone else (null). */
function take8080(): Promise<Server | null> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => (error.code === 'EADDRINUSE' ? resolve(null) : reject(error)));
    server.listen(8080, '127.0.0.1', () => resolve(server));
  });
}

describe('apimx start', () => {
  it('serves examples/ai-gateway, prints the port and a curl, and stops with exit 0', async () => {
    const { code, lines } = await startAndStop(['--port', '0']);
    expect(code).toBe(0);
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+) \(port \1\)/.exec(lines.join('\n'))?.[1];
    expect(Number(port)).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain(`curl -s 'http://127.0.0.1:${port}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21'`);
    expect(lines.at(-1)).toBe('apimx: stopped');
  });

  it('without --port and 8080 taken: the next free port, printed', async () => {
    const blocker = await take8080();
    try {
      const { code, lines } = await startAndStop([]);
      expect(code).toBe(0);
      const port = Number(/^apimx: port 8080 is taken; using (\d+)$/.exec(lines[0]!)?.[1]);
      expect(port).toBeGreaterThan(8080);
      expect(port).toBeLessThanOrEqual(8090);
      expect(lines).toContain(`apimx: listening on http://127.0.0.1:${port} (port ${port})`);
    } finally {
      await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    }
  });

  it('rejects bad arguments with usage (exit 2)', () => {
    expect(parseStartArgs(['--port', 'x'])).toBe("apimx start: --port must be 0..65535, got 'x'");
    expect(parseStartArgs(['--nope', '1'])).toBe("apimx start: unknown option '--nope'");
    expect(parseStartArgs([])).toMatchObject({ port: null, host: '127.0.0.1' });
  });
});
