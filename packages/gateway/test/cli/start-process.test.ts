// `apimx start` as a real process: SIGTERM lets the request in flight finish (200) while new connections are
// refused, then the process exits 0; a start that cannot listen exits 1 by itself, leaving nothing running.
import { spawn } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnApimx, type CliProcess } from '../support/cli-process.ts';
import { writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Resolves with the error code of a TCP connection attempt ('connected' if it was accepted). */
function tryConnect(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

function occupyPort(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as { port: number }).port })));
}

const CONFIG = (upstream: string): string => `
mocks: [ { name: m, port: 0 } ]
apis:
  echo: { path: echo, serviceUrl: "${upstream}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/" } ] }
`;

describe('apimx start (a real process)', () => {
  let cli: CliProcess | undefined;
  let upstream: Upstream | undefined;
  let blocker: Server | undefined;

  afterEach(async () => {
    await cli?.kill();
    await upstream?.close();
    await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
    cli = upstream = blocker = undefined;
  });

  it('SIGTERM during a request: the request completes with 200, new connections are refused, exit 0', async () => {
    const held: ServerResponse[] = [];
    let arrived!: () => void;
    const requestArrived = new Promise<void>((resolve) => (arrived = resolve));
    upstream = await startUpstream((req, res) => {
      req.resume();
      held.push(res);
      arrived();
    });
    const dir = writeFixture({ 'apimx.yaml': CONFIG(upstream.url) });
    cli = spawnApimx(['start', '--config', `${dir}/apimx.yaml`, '--port', '0']);
    const port = Number((await cli.waitFor(/listening on http:\/\/127\.0\.0\.1:(\d+)/))[1]);

    const inFlight = get(`http://127.0.0.1:${port}/echo/`);
    await requestArrived;
    cli.child.kill('SIGTERM');
    await cli.waitFor(/SIGTERM: stopping; waiting for 1 in-flight request\(s\)/);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');

    held[0]!.end('finished after SIGTERM');
    expect(await inFlight).toEqual({ status: 200, body: 'finished after SIGTERM' });
    expect(await cli.exited).toEqual({ code: 0, signal: null });
    expect(cli.output().trimEnd().split('\n').at(-1)).toBe('apimx: stopped');
  });

  it('`npm start` hands SIGTERM to the gateway itself (no shell or tsx process in between to orphan it)', async () => {
    upstream = await startUpstream((_req, res) => res.end());
    const dir = writeFixture({ 'apimx.yaml': CONFIG(upstream.url) });
    const npm = spawn('npm', ['start', '--', '--config', `${dir}/apimx.yaml`, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => npm.on('close', (code) => resolve(code)));
    try {
      while (!/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
        const ended = await Promise.race([new Promise((resolve) => npm.stdout.once('data', () => resolve(false))), exited.then(() => true)]);
        if (ended) throw new Error(`npm start ended before listening:\n${output}`);
      }
      const port = Number(/listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)![1]);
      npm.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(output).toContain('apimx: SIGTERM: stopping; waiting for 0 in-flight request(s)\napimx: stopped\n');
      expect(await tryConnect(port)).toBe('ECONNREFUSED');
    } finally {
      npm.kill('SIGKILL');
    }
  });

  it('an explicit --port that is taken: a clear message and exit 1 on its own (the in-process mock is closed too)', async () => {
    const taken = await occupyPort();
    blocker = taken.server;
    upstream = await startUpstream((_req, res) => res.end());
    const dir = writeFixture({ 'apimx.yaml': CONFIG(upstream.url) });
    cli = spawnApimx(['start', '--config', `${dir}/apimx.yaml`, '--port', String(taken.port)]);
    expect(await cli.exited).toEqual({ code: 1, signal: null });
    expect(cli.output()).toBe(
      `apimx start: port ${taken.port} on 127.0.0.1 is already in use; stop what is using it or choose another with --port (0 picks a free one)\n`,
    );
  });
});
