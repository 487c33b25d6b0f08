// The node:http listener sends plain proxied requests straight to the handler and everything else through Hono:
// both ways must answer exactly as the Hono app alone did (admin routes, APIM's 404, Hono's 400s).
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

/** One raw HTTP/1.1 exchange (so that Host and the request target can be anything), the reply as text. */
function raw(port: number, head: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`${head}\r\nConnection: close\r\n\r\n`));
    let reply = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (reply += chunk));
    socket.on('end', () => resolve(reply));
    socket.on('error', reject);
  });
}

const statusOf = (reply: string): number => Number(reply.split(' ')[1]);
const bodyOf = (reply: string): string => reply.slice(reply.indexOf('\r\n\r\n') + 4);

describe('request listener', () => {
  let upstream: Upstream;
  let gateway: RunningGateway;

  afterEach(async () => {
    await gateway?.close({ timeoutMs: 1000 });
    await upstream?.close();
  });

  async function start(): Promise<number> {
    upstream = await startUpstream((req, res) => {
      req.resume();
      res.end(`upstream saw ${req.url}`);
    });
    const dir = writeFixture({
      'apimx.yaml': `apis:\n  echo: { path: echo, serviceUrl: "${upstream.url}/svc", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/x" } ] }\n`,
    });
    gateway = await startGateway({ config: join(dir, 'apimx.yaml'), port: 0 });
    return gateway.port;
  }

  it('proxies a plain request and records its trace', async () => {
    const port = await start();
    const reply = await raw(port, `GET /echo/x?a=1 HTTP/1.1\r\nHost: localhost:${port}`);
    expect(statusOf(reply)).toBe(200);
    expect(bodyOf(reply)).toBe('upstream saw /svc/x?a=1');
    expect(gateway.traces.recent(1)[0]).toMatchObject({ method: 'GET', status: 200, backend: { url: `${upstream.url}/svc/x?a=1` } });
  });

  it('answers APIM 404 for an unknown path', async () => {
    const port = await start();
    const reply = await raw(port, `GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1:${port}`);
    expect(statusOf(reply)).toBe(404);
    expect(JSON.parse(bodyOf(reply))).toEqual({ statusCode: 404, message: 'Resource not found' });
  });

  it('serves the admin routes through Hono', async () => {
    const port = await start();
    const health = await raw(port, `GET /apimx/health HTTP/1.1\r\nHost: localhost`);
    expect(statusOf(health)).toBe(200);
    const unknown = await raw(port, `GET /apimx/nothing HTTP/1.1\r\nHost: localhost`);
    expect(statusOf(unknown)).toBe(404);
  });

  it('leaves what Hono refuses to Hono: no Host, an odd Host, a backslash in the path', async () => {
    const port = await start();
    expect(statusOf(await raw(port, 'GET /echo/x HTTP/1.1'))).toBe(400);
    expect(statusOf(await raw(port, 'GET /echo/x HTTP/1.1\r\nHost: exa_mple@evil'))).toBe(400);
    expect(statusOf(await raw(port, 'GET /echo\\x HTTP/1.1\r\nHost: localhost'))).toBe(400);
  });
});
