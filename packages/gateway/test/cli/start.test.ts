// `apimx start`: serves the example on a free port, prints the port and a sample curl, stops when told to.
import { describe, expect, it } from 'vitest';
import { parseStartArgs, runStart } from '../../src/cli/start.ts';

describe('apimx start', () => {
  it('serves examples/ai-gateway, prints the port and a curl, and stops with exit 0', async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const run = runStart(['--port', '0'], (line) => {
      lines.push(line);
      if (line.includes('health:')) stop();
    }, stopped);
    expect(await run).toBe(0);
    const port = /listening on http:\/\/127\.0\.0\.1:(\d+) \(port \1\)/.exec(lines.join('\n'))?.[1];
    expect(Number(port)).toBeGreaterThan(0);
    expect(lines.join('\n')).toContain(`curl -s 'http://127.0.0.1:${port}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21'`);
    expect(lines.at(-1)).toBe('apimx: stopped');
  });

  it('rejects bad arguments with usage (exit 2)', () => {
    expect(parseStartArgs(['--port', 'x'])).toBe("apimx start: --port must be 0..65535, got 'x'");
    expect(parseStartArgs(['--nope', '1'])).toBe("apimx start: unknown option '--nope'");
  });
});
