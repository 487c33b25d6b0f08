// `apimx mock`: argument parsing and a real run that serves until told to stop.
import { describe, expect, it } from 'vitest';
import { parseMockArgs, runMockCommand } from '../../src/mock/command.ts';

describe('parseMockArgs', () => {
  it('reads numbers and text, with or without =', () => {
    expect(parseMockArgs(['--port', '0', '--latency-ms=25', '--name', 'east', '--fail-rate', '0.2', '--api-key=k'])).toEqual({
      port: 0,
      latencyMs: 25,
      name: 'east',
      failRate: 0.2,
      apiKey: 'k',
    });
  });

  it('explains a bad option or value', () => {
    expect(parseMockArgs(['--bogus', '1'])).toBe("apimx mock: unknown option '--bogus'");
    expect(parseMockArgs(['--port'])).toBe('apimx mock: --port needs a value');
    expect(parseMockArgs(['--latency-ms', 'soon'])).toBe("apimx mock: --latency-ms must be a non-negative number, got 'soon'");
  });
});

describe('runMockCommand', () => {
  it('serves on the given port, prints its URL and a sample curl, and stops cleanly', async () => {
    const lines: string[] = [];
    let stop!: () => void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const running = runMockCommand(['--port', '0', '--name', 'cli'], (line) => lines.push(line), stopped);
    while (lines.length === 0) await new Promise((resolve) => setImmediate(resolve));
    const url = /listening on (http:\/\/\S+)/.exec(lines[0]!)![1]!;
    expect(lines.some((l) => l.includes('curl'))).toBe(true);
    const res = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hello' }] }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-mock-backend')).toBe('cli');
    stop();
    expect(await running).toBe(0);
    expect(lines.at(-1)).toBe('apimx mock: stopped');
    await expect(fetch(`${url}/__mock/health`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments', async () => {
    const lines: string[] = [];
    expect(await runMockCommand(['--nope'], (l) => lines.push(l), Promise.resolve())).toBe(2);
    expect(lines[1]).toMatch(/^usage: apimx mock/);
  });
});
