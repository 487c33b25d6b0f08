// The backend body's two direct readers (collected into one buffer, sent straight to a client's response) and
// its read-ahead, through the real forwarder, a real backend and a real client over loopback.
import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Forwarder } from '../../src/http/forwarder.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { readBody, readStream } from '../../src/http/read-body.ts';
import type { GatewayRequest } from '../../src/http/types.ts';
import { UpstreamBody } from '../../src/http/upstream-body.ts';
import { gate, startServer, type TestServer } from './test-server.ts';

let forwarder: Forwarder;
const servers: TestServer[] = [];
beforeAll(() => {
  forwarder = new Forwarder();
});
afterAll(() => forwarder.close());
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function serve(handler: http.RequestListener): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

function get(url: string): GatewayRequest {
  return { method: 'GET', url, headers: new HeaderMap(), clientIp: '10.0.0.1' };
}

const BIG = Buffer.alloc(4 * 1024 * 1024, 'abcdefgh');
const digest = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A front server whose handler sends the backend's body to its client with sendTo, as the gateway does. */
async function front(backendUrl: string, sent: (done: Promise<void> | null) => void): Promise<string> {
  const server = await serve(async (_req, res) => {
    const result = await forwarder.forward(get(backendUrl));
    res.writeHead(result.status);
    sent((result.body as UpstreamBody).sendTo(res));
  });
  return server.url;
}

describe('upstream body: sent straight to the client', () => {
  it('4 MB arrive intact through the client’s backpressure, and the send resolves when the response closes', async () => {
    const backend = await serve((_req, res) => res.end(BIG));
    let done: Promise<void> | null = null;
    const url = await front(backend.url, (d) => (done = d));
    const received = await new Promise<Buffer>((resolve, reject) => {
      http.get(url, async (res) => {
        // A slow reader first, so that the front's writes fill up and it must wait for 'drain'.
        res.pause();
        await new Promise((r) => setTimeout(r, 20));
        resolve(await readStream(res.resume()).then(Buffer.from));
      }).on('error', reject);
    });
    expect(received.length).toBe(BIG.length);
    expect(digest(received)).toBe(digest(BIG));
    expect(done).not.toBeNull();
    await done;
  });

  it('a client that goes away mid-body closes the backend connection', async () => {
    const backendClosed = gate();
    const backend = await serve((req, res) => {
      req.socket.on('close', () => backendClosed.open());
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: 1\n\n');
    });
    const url = await front(backend.url, () => undefined);
    const client = http.get(url, (res) => res.once('data', () => client.destroy()));
    client.on('error', () => undefined);
    await backendClosed.promise;
  });

  it('is refused (null) once the body is being read as a stream, which then goes on as one', async () => {
    const backend = await serve((_req, res) => res.end('streamed'));
    const result = await forwarder.forward(get(backend.url));
    const body = result.body as UpstreamBody;
    const reading = readStream(body.on('data', () => undefined));
    expect(body.sendTo(new http.ServerResponse(new http.IncomingMessage(null as never)))).toBeNull();
    expect(Buffer.from(await reading).toString()).toBe('streamed');
  });
});

describe('upstream body: collected into one buffer', () => {
  it('a body larger than allowed is refused with a RangeError and its connection closed', async () => {
    const backendClosed = gate();
    const backend = await serve((req, res) => {
      req.socket.on('close', () => backendClosed.open());
      res.writeHead(200);
      res.write(Buffer.alloc(128 * 1024));
    });
    const result = await forwarder.forward(get(backend.url));
    await expect(readBody(result.body, 1000)).rejects.toBeInstanceOf(RangeError);
    await backendClosed.promise;
  });

  it('a body that ended before anyone read it is all there, collected or streamed', async () => {
    const backend = await serve((_req, res) => res.end('read ahead'));
    const first = await forwarder.forward(get(backend.url));
    const second = await forwarder.forward(get(backend.url));
    await new Promise((r) => setTimeout(r, 20)); // both bodies have arrived and ended, unread
    expect(Buffer.from(await readBody(first.body)).toString()).toBe('read ahead');
    const chunks: Buffer[] = [];
    for await (const chunk of second.body as UpstreamBody) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('read ahead');
  });
});
