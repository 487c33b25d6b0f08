import { createHash } from 'node:crypto';
import type http from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ForwardError, toForwardError } from '../../src/http/forward-error.ts';
import { Forwarder } from '../../src/http/forwarder.ts';
import type { ForwardResult } from '../../src/http/forwarder.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { discardBody, readBody } from '../../src/http/read-body.ts';
import type { GatewayRequest } from '../../src/http/types.ts';
import { freePort, gate, readAll, startServer } from './test-server.ts';
import type { TestServer } from './test-server.ts';

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

function request(url: string, init: Partial<GatewayRequest> = {}): GatewayRequest {
  return { method: 'GET', url, headers: new HeaderMap(), clientIp: '10.0.0.1', ...init };
}

async function text(result: ForwardResult): Promise<string> {
  return Buffer.from(await readBody(result.body)).toString();
}

async function failure(promise: Promise<unknown>): Promise<ForwardError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ForwardError);
  return error as ForwardError;
}

describe('forwarder: a request goes through', () => {
  it('passes method, path, query and end-to-end headers; drops hop-by-hop ones; Host is the backend', async () => {
    let seen: http.IncomingMessage | undefined;
    const upstream = await serve((req, res) => {
      seen = req;
      res.writeHead(201, 'Made It', [
        ['Set-Cookie', 'a=1'],
        ['Set-Cookie', 'b=2'],
        ['X-Upstream', 'yes'],
        ['Keep-Alive', 'timeout=5'],
        ['Content-Type', 'text/plain'],
      ]);
      res.end('ok');
    });
    const headers = new HeaderMap([
      ['X-Custom', 'one'],
      ['x-custom', 'two'],
      ['Host', 'gateway.example'],
      ['Connection', 'keep-alive, X-Private'],
      ['X-Private', 'secret'],
      ['Proxy-Authorization', 'Basic x'],
      ['Upgrade', 'h2c'],
      ['TE', 'trailers'],
    ]);
    const result = await forwarder.forward(request(`${upstream.url}/v1/chat?q=1&r=2`, { method: 'delete', headers }));
    expect(seen!.method).toBe('DELETE');
    expect(seen!.url).toBe('/v1/chat?q=1&r=2');
    expect(seen!.headers['x-custom']).toBe('one, two');
    expect(seen!.headers.host).toBe(new URL(upstream.url).host);
    for (const name of ['x-private', 'proxy-authorization', 'upgrade', 'te']) expect(seen!.headers[name]).toBeUndefined();
    expect(result.status).toBe(201);
    expect(result.reason).toBe('Made It');
    expect(result.headers.get('set-cookie')).toEqual(['a=1', 'b=2']);
    expect([...result.headers.names()]).toContain('X-Upstream');
    expect(result.headers.has('keep-alive')).toBe(false);
    expect(result.headers.has('connection')).toBe(false);
    expect(result.url).toBe(`${upstream.url}/v1/chat?q=1&r=2`);
    expect(await text(result)).toBe('ok');
  });

  it('sends a byte body with its length and a stream body chunked', async () => {
    const upstream = await serve(async (req, res) => {
      const body = await readAll(req);
      res.end(JSON.stringify({ length: req.headers['content-length'] ?? null, chunked: req.headers['transfer-encoding'] ?? null, body: body.toString() }));
    });
    const bytes = await forwarder.forward(
      request(upstream.url, { method: 'POST', headers: new HeaderMap({ 'Content-Length': '999' }), body: Buffer.from('{"a":1}') }),
    );
    expect(JSON.parse(await text(bytes))).toEqual({ length: '7', chunked: null, body: '{"a":1}' });
    const stream = await forwarder.forward(request(upstream.url, { method: 'POST', body: Readable.from([Buffer.from('par'), Buffer.from('ts')]) }));
    expect(JSON.parse(await text(stream))).toEqual({ length: null, chunked: 'chunked', body: 'parts' });
    const empty = await forwarder.forward(request(upstream.url, { method: 'POST' }));
    expect(JSON.parse(await text(empty))).toEqual({ length: '0', chunked: null, body: '' });
  });

  it('reuses keep-alive connections for sequential requests', async () => {
    const upstream = await serve((_req, res) => res.end('x'));
    for (let i = 0; i < 5; i++) await text(await forwarder.forward(request(upstream.url)));
    // undici's pool marks a connection free again a tick after its response completes, so a request sent in
    // the same tick opens a second one; from then on the two are reused (without keep-alive this would be 5).
    expect(upstream.connections()).toBeLessThanOrEqual(2);
  });

  it('reports error statuses as they are (fail-on-error-status-code is the pipeline’s)', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(503, { 'Retry-After': '7' });
      res.end('busy');
    });
    const result = await forwarder.forward(request(upstream.url), upstream.url, { bufferResponse: true });
    expect(result.status).toBe(503);
    expect(result.headers.first('retry-after')).toBe('7');
    expect(Buffer.from(result.body as Uint8Array).toString()).toBe('busy');
  });
});

describe('forwarder: streaming and big bodies', () => {
  it('passes each chunk on as it arrives: the first reaches us before the upstream has finished (SSE)', { timeout: 5000 }, async () => {
    const firstSeen = gate();
    let upstreamDone = false;
    const upstream = await serve(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: 1\n\n');
      await firstSeen.promise;
      res.write('data: 2\n\n');
      upstreamDone = true;
      res.end('data: [DONE]\n\n');
    });
    const result = await forwarder.forward(request(upstream.url));
    const chunks = (result.body as Readable)[Symbol.asyncIterator]();
    const first = await chunks.next();
    expect(Buffer.from(first.value as Buffer).toString()).toBe('data: 1\n\n');
    expect(upstreamDone).toBe(false);
    firstSeen.open();
    let rest = '';
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) rest += Buffer.from(next.value as Buffer).toString();
    expect(rest).toBe('data: 2\n\ndata: [DONE]\n\n');
  });

  it('moves 16 MB each way intact, streamed and buffered', async () => {
    const upstream = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      req.pipe(res); // echo
    });
    const payload = Buffer.alloc(16 * 1024 * 1024);
    for (let i = 0; i < payload.length; i += 4096) payload.writeUInt32LE(i, i);
    const digest = createHash('sha256').update(payload).digest('hex');
    const streamed = await forwarder.forward(request(upstream.url, { method: 'PUT', body: payload }));
    expect(createHash('sha256').update(await readBody(streamed.body)).digest('hex')).toBe(digest);
    const source = Readable.from((function* () {
      for (let i = 0; i < payload.length; i += 65536) yield payload.subarray(i, i + 65536);
    })());
    const buffered = await forwarder.forward(request(upstream.url, { method: 'PUT', body: source }), upstream.url, { bufferResponse: true });
    expect(buffered.body).toBeInstanceOf(Uint8Array);
    expect(createHash('sha256').update(buffered.body as Uint8Array).digest('hex')).toBe(digest);
  });
});

describe('forwarder: failures are typed and leave nothing open', () => {
  it('connection refused → BackendConnectionFailure', async () => {
    const port = await freePort();
    const error = await failure(forwarder.forward(request(`http://127.0.0.1:${port}/x`)));
    expect(error.reason).toBe('BackendConnectionFailure');
    expect(error.message).toMatch(/ECONNREFUSED/);
  });

  it('an unresolvable host → BackendConnectionFailure', async () => {
    const error = await failure(forwarder.forward(request('http://no-such-host.invalid/')));
    expect(error.reason).toBe('BackendConnectionFailure');
  });

  it('no response headers within timeout → Timeout, and the upstream request is closed', async () => {
    const closed = gate();
    const upstream = await serve((req) => {
      req.socket.on('close', () => closed.open());
    });
    const error = await failure(forwarder.forward(request(upstream.url), upstream.url, { timeoutMs: 50 }));
    expect(error.reason).toBe('Timeout');
    await closed.promise; // resolves only if the forwarder destroyed its socket
  });

  it('the timeout covers headers only: a slow body after quick headers is not cut', async () => {
    const later = gate();
    const upstream = await serve(async (_req, res) => {
      res.writeHead(200);
      res.write('a');
      await later.promise;
      res.end('b');
    });
    const result = await forwarder.forward(request(upstream.url), upstream.url, { timeoutMs: 20 });
    const body = text(result);
    await new Promise<void>((resolve) => setImmediate(resolve));
    later.open();
    expect(await body).toBe('ab');
  });

  it('reset mid-body: the stream errors with a BackendConnectionFailure cause; buffered → rejects', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100000' });
      res.write(Buffer.alloc(1000), () => res.socket?.destroy());
    });
    const streamed = await forwarder.forward(request(upstream.url));
    const readError = await readBody(streamed.body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toForwardError(readError).reason).toBe('BackendConnectionFailure');
    const error = await failure(forwarder.forward(request(upstream.url), upstream.url, { bufferResponse: true }));
    expect(error.reason).toBe('BackendConnectionFailure');
  });

  it('a body that failed before anyone read it raises nothing uncaught and reports the failure to its reader', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial', () => res.socket?.destroy());
    });
    const result = await forwarder.forward(request(upstream.url));
    const body = result.body as Readable;
    await new Promise<void>((resolve) => body.once('close', () => resolve()));
    expect(body.errored).toBeTruthy();
    const readError = await readBody(body).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(toForwardError(readError).reason).toBe('BackendConnectionFailure');
  });

  it('discardBody frees an unread response so the next call goes through', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(200);
      res.write('never ending');
    });
    const single = new Forwarder({ maxSockets: 1 });
    try {
      const first = await single.forward(request(upstream.url));
      discardBody(first.body);
      const second = await single.forward(request(upstream.url), upstream.url, { timeoutMs: 2000 });
      expect(second.status).toBe(200);
      discardBody(second.body);
    } finally {
      single.close();
    }
  });

  it('a pooled connection the backend closes instead of answering is retried once on a fresh connection', async () => {
    // The keep-alive race: the backend drops an idle connection just as the next request is written on it.
    // Simulated deterministically: the first connection answers one request and is closed on its second.
    const upstream = await serve((req, res) => {
      const socket = req.socket as typeof req.socket & { served?: number };
      socket.served = (socket.served ?? 0) + 1;
      if (socket.served === 2) {
        socket.destroy();
        return;
      }
      res.end(`answer ${socket.served}`);
    });
    const single = new Forwarder({ maxSockets: 1 });
    try {
      expect(await text(await single.forward(request(upstream.url)))).toBe('answer 1');
      const second = await single.forward(request(upstream.url, { method: 'POST', body: Buffer.from('again') }));
      expect(await text(second)).toBe('answer 1');
      expect(upstream.connections()).toBe(2);
    } finally {
      single.close();
    }
  });

  it('an upstream that closes without answering → BackendConnectionFailure', async () => {
    const upstream = await serve((req) => req.socket.destroy());
    const error = await failure(forwarder.forward(request(upstream.url)));
    expect(error.reason).toBe('BackendConnectionFailure');
  });

  it('the client aborting before the response → ClientConnectionFailure, upstream request closed', async () => {
    const controller = new AbortController();
    const closed = gate();
    const upstream = await serve((req) => {
      req.socket.on('close', () => closed.open());
      controller.abort();
    });
    const error = await failure(forwarder.forward(request(upstream.url, { signal: controller.signal })));
    expect(error.reason).toBe('ClientConnectionFailure');
    await closed.promise;
  });

  it('the client aborting mid-stream ends the upstream response too', async () => {
    const controller = new AbortController();
    const closed = gate();
    const upstream = await serve((req, res) => {
      req.socket.on('close', () => closed.open());
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: 1\n\n');
    });
    const result = await forwarder.forward(request(upstream.url, { signal: controller.signal }));
    const body = result.body as Readable;
    const first = await body[Symbol.asyncIterator]().next();
    expect(first.done).toBe(false);
    controller.abort();
    await closed.promise;
    expect(body.destroyed).toBe(true);
    expect((body.errored as ForwardError).reason).toBe('ClientConnectionFailure');
  });

  it('an already-aborted signal fails at once', async () => {
    const error = await failure(forwarder.forward(request('http://127.0.0.1:1/', { signal: AbortSignal.abort() })));
    expect(error.reason).toBe('ClientConnectionFailure');
  });

  it('a request body stream that fails → ClientConnectionFailure', async () => {
    const upstream = await serve(async (req, res) => {
      await readAll(req).catch(() => undefined);
      res.end();
    });
    const body = new Readable({
      read() {
        this.destroy(new Error('client reset'));
      },
    });
    const error = await failure(forwarder.forward(request(upstream.url, { method: 'POST', body })));
    expect(error.reason).toBe('ClientConnectionFailure');
  });

  it('an invalid or non-HTTP URL → BackendConnectionFailure', async () => {
    expect((await failure(forwarder.forward(request('not a url')))).reason).toBe('BackendConnectionFailure');
    expect((await failure(forwarder.forward(request('ftp://127.0.0.1/')))).reason).toBe('BackendConnectionFailure');
  });
});

describe('forwarder: buffer-request-body', () => {
  it('keeps the bytes of a streamed body so a retry can send them again; a spent stream is refused', async () => {
    let calls = 0;
    const upstream = await serve(async (req, res) => {
      calls++;
      res.end(await readAll(req));
    });
    const first = await forwarder.forward(request(upstream.url, { method: 'POST', body: Readable.from([Buffer.from('hello')]) }), undefined, {
      bufferRequestBody: true,
    });
    expect(Buffer.from(first.requestBody!).toString()).toBe('hello');
    await text(first);
    const retry = await forwarder.forward(request(upstream.url, { method: 'POST', body: first.requestBody }));
    expect(await text(retry)).toBe('hello');

    const spent = Readable.from([Buffer.from('once')]);
    await text(await forwarder.forward(request(upstream.url, { method: 'POST', body: spent })));
    const error = await failure(forwarder.forward(request(upstream.url, { method: 'POST', body: spent })));
    expect(error.message).toMatch(/buffer-request-body/);
    expect(calls).toBe(3);
  });
});

describe('forwarder: redirects', () => {
  async function redirector(): Promise<{ a: TestServer; b: TestServer; seen: string[] }> {
    const seen: string[] = [];
    const b = await serve(async (req, res) => {
      const body = (await readAll(req)).toString();
      seen.push(`b ${req.method} ${req.url} auth=${req.headers.authorization ?? '-'} body=${body}`);
      res.end('final');
    });
    const a = await serve(async (req, res) => {
      const body = (await readAll(req)).toString();
      seen.push(`a ${req.method} ${req.url} body=${body}`);
      const [, code, where] = /^\/(\d+)(\/.*)?$/.exec(req.url ?? '') ?? [];
      if (req.url === '/loop') {
        res.writeHead(302, { Location: '/loop' });
        res.end();
      } else if (code) {
        res.writeHead(Number(code), { Location: where === '/other' ? `${b.url}/there` : '/done' });
        res.end('moved');
      } else res.end(`done ${req.method}`);
    });
    return { a, b, seen };
  }

  it('returns the redirect to the caller by default', async () => {
    const { a } = await redirector();
    const result = await forwarder.forward(request(`${a.url}/302`));
    expect(result.status).toBe(302);
    expect(result.headers.first('location')).toBe('/done');
    expect(await text(result)).toBe('moved');
  });

  it.each([
    [301, 'GET'],
    [302, 'GET'],
    [303, 'GET'],
    [307, 'POST'],
    [308, 'POST'],
  ])('follows %i: a POST continues as %s', async (code, method) => {
    const { a, seen } = await redirector();
    const result = await forwarder.forward(request(`${a.url}/${code}`, { method: 'POST', body: Buffer.from('payload') }), undefined, {
      followRedirects: true,
    });
    expect(result.status).toBe(200);
    expect(await text(result)).toBe(`done ${method}`);
    expect(result.url).toBe(`${a.url}/done`);
    expect(seen[1]).toBe(`a ${method} /done body=${method === 'POST' ? 'payload' : ''}`);
  });

  it('drops credentials when the redirect leaves the origin', async () => {
    const { a, b, seen } = await redirector();
    const result = await forwarder.forward(request(`${a.url}/307/other`, { headers: new HeaderMap({ Authorization: 'Bearer t' }) }), undefined, {
      followRedirects: true,
    });
    expect(await text(result)).toBe('final');
    expect(result.url).toBe(`${b.url}/there`);
    expect(seen[1]).toBe('b GET /there auth=- body=');
  });

  it('stops after maxRedirects and returns the last redirect', async () => {
    const { a, seen } = await redirector();
    const result = await forwarder.forward(request(`${a.url}/loop`), undefined, { followRedirects: true, maxRedirects: 3 });
    expect(result.status).toBe(302);
    await text(result);
    expect(seen).toHaveLength(4);
  });

  it('cannot replay a streamed body on 307: returns the redirect', async () => {
    const { a } = await redirector();
    const result = await forwarder.forward(request(`${a.url}/307`, { method: 'POST', body: Readable.from([Buffer.from('x')]) }), undefined, {
      followRedirects: true,
    });
    expect(result.status).toBe(307);
    await text(result);
  });
});
