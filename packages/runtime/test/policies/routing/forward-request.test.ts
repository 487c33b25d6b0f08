import type http from 'node:http';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { GatewayResponse } from '../../../src/http/types.ts';
import { freePort, gate, readAll } from '../../http/test-server.ts';
import { harness } from '../../support/run-policy.ts';
import { backendOf, policies, routing, upstream } from './support.ts';

/** The next chunk of a streamed response body. */
async function nextChunk(response: GatewayResponse): Promise<string> {
  const stream = response.body as Readable;
  const iterator = stream[Symbol.asyncIterator]();
  const { value } = (await iterator.next()) as { value: Buffer };
  return value.toString();
}

async function chunks(response: GatewayResponse): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of response.body as Readable) out.push((chunk as Buffer).toString());
  return out;
}

describe('forward-request: the call', () => {
  it('sends method, path, query, headers and body to context.Request.Url; the answer becomes the response without hop-by-hop headers', async () => {
    let received: { method?: string; url?: string; headers?: http.IncomingHttpHeaders; body?: string } = {};
    const server = await upstream(async (req, res) => {
      received = { method: req.method, url: req.url, headers: req.headers, body: (await readAll(req)).toString() };
      res.writeHead(201, 'Made It', { 'Content-Type': 'application/json', 'X-Upstream': 'yes', 'Keep-Alive': 'timeout=5' });
      res.end('{"ok":true}');
    });
    const r = routing(policies(''));
    const routed = await r.run(
      { method: 'POST', url: 'https://apimx.local/api/op?a=1', headers: { 'X-Client': 'c', Connection: 'keep-alive', 'Content-Type': 'application/json' }, body: '{"q":1}' },
      backendOf(server, '/op?a=1'),
    );
    expect(routed.response.status).toBe(201);
    expect(routed.response.reason).toBe('Made It');
    expect(await routed.text()).toBe('{"ok":true}');
    expect(routed.response.headers.first('x-upstream')).toBe('yes');
    expect(routed.response.headers.has('keep-alive')).toBe(false);
    expect(received).toMatchObject({ method: 'POST', url: '/op?a=1', body: '{"q":1}' });
    expect(received.headers?.['x-client']).toBe('c');
    expect(received.headers?.host).toBe(new URL(server.url).host);
    expect(routed.ctx.Response.StatusCode).toBe(201);
  });

  it('T17 forward-request: an operation backend with <base/> inherits the API-level forward-request', async () => {
    const server = await upstream((_req, res) => res.end('from api level'));
    const r = routing({ api: policies('', '<forward-request timeout="60" />'), operation: policies('<base />', '<base />') });
    expect(await (await r.run({}, backendOf(server))).text()).toBe('from api level');
  });

  it('T17 forward-request: an empty operation backend section makes no backend call; outbound follows inbound', async () => {
    let calls = 0;
    const server = await upstream((_req, res) => {
      calls++;
      res.end('x');
    });
    const r = routing({ api: policies('', '<forward-request />'), operation: policies('<base />', '') });
    const routed = await r.run({}, backendOf(server));
    expect(routed.response.status).toBe(200);
    expect(await routed.text()).toBe('');
    expect(calls).toBe(0);
  });

  it('follow-redirects="false" (default) returns the redirect; "true" follows it', async () => {
    const server = await upstream((req, res) => {
      if (req.url === '/op') {
        res.writeHead(302, { Location: '/moved' });
        res.end();
      } else res.end(`at ${req.url}`);
    });
    const plain = await routing(policies('')).run({}, backendOf(server));
    expect(plain.response.status).toBe(302);
    expect(plain.response.headers.first('location')).toBe('/moved');
    await plain.text();
    const following = await routing(policies('', '<forward-request follow-redirects="true" />')).run({}, backendOf(server));
    expect(following.response.status).toBe(200);
    expect(await following.text()).toBe('at /moved');
  });

  it('a backend 4xx/5xx is passed through unless fail-on-error-status-code="true", which sends it to on-error with the backend answer', async () => {
    const server = await upstream((_req, res) => {
      res.writeHead(503, 'Busy', { 'Content-Type': 'text/plain', 'Retry-After': '7' });
      res.end('try later');
    });
    const passed = await routing(policies('')).run({}, backendOf(server));
    expect(passed.response.status).toBe(503);
    expect(await passed.text()).toBe('try later');
    expect(passed.ctx.LastError).toBeNull();

    const failed = await routing(policies('', '<forward-request fail-on-error-status-code="true" />')).run({}, backendOf(server));
    expect(failed.ctx.LastError).toMatchObject({ Source: 'forward-request', Reason: null, Message: 'Backend returned status code 503', Section: 'backend' });
    expect(failed.response.status).toBe(503);
    expect(failed.response.reason).toBe('Busy');
    expect(failed.response.headers.first('retry-after')).toBe('7');
    expect(failed.response.headers.first('content-type')).toBe('text/plain');
    expect(await failed.text()).toBe('try later');
  });

  it('http-version="2" is refused at load (HTTP/1.1 only); "2or1" falls back to HTTP/1.1', async () => {
    expect(() => harness(policies('', '<forward-request http-version="2" />'))).toThrow(
      /operation\.xml:1:\d+: forward-request: http-version="2" is not supported \(apimx forwards with HTTP\/1\.1/,
    );
    const server = await upstream((req, res) => res.end(req.httpVersion));
    expect(await (await routing(policies('', '<forward-request http-version="2or1" />')).run({}, backendOf(server))).text()).toBe('1.1');
  });
});

describe('forward-request: streaming', () => {
  it('buffer-response="false" passes SSE through chunk by chunk: the first event reaches the client before the upstream ends', async () => {
    const release = gate();
    const server = await upstream(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: one\n\n');
      await release.promise;
      res.end('data: [DONE]\n\n');
    });
    const routed = await routing(policies('', '<forward-request buffer-response="false" />')).run({}, backendOf(server));
    expect(routed.response.headers.first('content-type')).toBe('text/event-stream');
    expect(await nextChunk(routed.response)).toBe('data: one\n\n');
    release.open();
    expect(await chunks(routed.response)).toEqual(['data: [DONE]\n\n']);
  });

  it('buffer-response="true" (default) holds small chunks of a chunked response until 8 KB or the end of the stream', async () => {
    const release = gate();
    const server = await upstream(async (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write('data: one\n\n');
      res.write('x'.repeat(9000));
      await release.promise;
      res.end('tail');
    });
    const routed = await routing(policies('')).run({}, backendOf(server));
    const stream = routed.response.body as Readable;
    const received: string[] = [];
    const first = gate<string>();
    stream.on('data', (chunk: Buffer) => {
      received.push(chunk.toString());
      if (received.length === 1) first.open(received[0]!);
    });
    const ended = new Promise((resolve) => stream.on('end', resolve));
    // The small event did not travel alone: it came joined with what followed, in a piece of at least 8 KB.
    const head = await first.promise;
    expect(head.startsWith('data: one\n\nxxx')).toBe(true);
    expect(head.length).toBeGreaterThanOrEqual(8192);
    release.open();
    await ended;
    expect(received.join('')).toBe(`data: one\n\n${'x'.repeat(9000)}tail`);
    expect(received.at(-1)!.endsWith('tail')).toBe(true);
  });

  it('streams a large body through without reading it whole', async () => {
    const big = Buffer.alloc(512 * 1024, 'a');
    const server = await upstream((_req, res) => res.end(big));
    const routed = await routing(policies('')).run({}, backendOf(server));
    expect(routed.response.body).toBeInstanceOf(Readable);
    expect((await routed.text()).length).toBe(big.length);
  });
});

describe('forward-request: failures', () => {
  it('T17 forward-request: no response headers within timeout-ms → Timeout fault from forward-request, 500 to the caller', async () => {
    const server = await upstream(() => {
      /* never answers */
    });
    const routed = await routing(policies('', '<forward-request timeout-ms="50" />')).run({}, backendOf(server));
    expect(routed.ctx.LastError).toMatchObject({ Source: 'forward-request', Reason: 'Timeout', Section: 'backend', Path: 'forward-request[1]' });
    expect(routed.ctx.LastError?.Message).toContain('did not answer within 50 ms');
    expect(routed.response.status).toBe(500);
    expect(JSON.parse(await routed.text())).toMatchObject({ statusCode: 500, message: 'Internal server error' });
  });

  it('timeout is in seconds: timeout="1" gives up after 1000 ms (Timeout)', async () => {
    const server = await upstream(() => {
      /* never answers */
    });
    const routed = await routing(policies('', '<forward-request timeout="1" />')).run({}, backendOf(server));
    expect(routed.ctx.LastError).toMatchObject({ Source: 'forward-request', Reason: 'Timeout' });
    expect(routed.ctx.LastError?.Message).toContain('did not answer within 1000 ms');
  });

  it('a refused connection is BackendConnectionFailure, 500', async () => {
    const port = await freePort();
    const routed = await routing(policies(`<set-backend-service base-url="http://127.0.0.1:${port}" />`)).run();
    expect(routed.ctx.LastError).toMatchObject({ Source: 'forward-request', Reason: 'BackendConnectionFailure' });
    expect(routed.ctx.LastError?.Message).toContain('ECONNREFUSED');
    expect(routed.response.status).toBe(500);
  });

  it('the client going away aborts the upstream call (ClientConnectionFailure)', async () => {
    const arrived = gate();
    const upstreamClosed = gate();
    const server = await upstream((req, res) => {
      res.on('close', () => upstreamClosed.open());
      arrived.open();
    });
    const controller = new AbortController();
    const pending = routing(policies('')).run({ signal: controller.signal }, backendOf(server));
    await arrived.promise;
    controller.abort();
    await upstreamClosed.promise;
    const routed = await pending;
    expect(routed.ctx.LastError).toMatchObject({ Source: 'forward-request', Reason: 'ClientConnectionFailure' });
  });

  it('without buffer-request-body a streamed body is sent once: a second forward fails clearly', async () => {
    const bodies: string[] = [];
    const server = await upstream(async (req, res) => {
      bodies.push((await readAll(req)).toString());
      res.end('ok');
    });
    const routed = await routing(policies('', '<forward-request /><forward-request />')).run(
      { method: 'POST', body: Readable.from([Buffer.from('payload')]) },
      backendOf(server),
    );
    expect(bodies).toEqual(['payload']);
    expect(routed.ctx.LastError).toMatchObject({ Source: 'forward-request', Reason: 'BackendConnectionFailure', Path: 'forward-request[2]' });
    expect(routed.ctx.LastError?.Message).toContain('use buffer-request-body="true" to send it again');
  });

  it('with buffer-request-body="true" the same streamed body can be sent again', async () => {
    const bodies: string[] = [];
    const server = await upstream(async (req, res) => {
      bodies.push((await readAll(req)).toString());
      res.end(`call ${bodies.length}`);
    });
    const routed = await routing(policies('', '<forward-request buffer-request-body="true" /><forward-request buffer-request-body="true" />')).run(
      { method: 'POST', body: Readable.from([Buffer.from('pay'), Buffer.from('load')]) },
      backendOf(server),
    );
    expect(await routed.text()).toBe('call 2');
    expect(bodies).toEqual(['payload', 'payload']);
  });
});

describe('forward-request continue-timeout', () => {
  /** An upstream that sees `Expect: 100-continue` requests first (checkContinue) and decides what to do with them. */
  async function expecting(onExpect: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
    const expects: (string | undefined)[] = [];
    const server = await upstream(async (req, res) => {
      expects.push(req.headers.expect);
      res.end(`plain:${(await readAll(req)).toString()}`);
    });
    server.server.on('checkContinue', (req: http.IncomingMessage, res: http.ServerResponse) => {
      expects.push(req.headers.expect);
      onExpect(req, res);
    });
    return { server, expects };
  }
  const post = { method: 'POST', body: 'the body', headers: { 'Content-Type': 'text/plain' } };

  it('announces the body with Expect: 100-continue and sends it when the backend answers 100 Continue', async () => {
    const { server, expects } = await expecting(async (req, res) => {
      res.writeContinue();
      res.end(`continued:${(await readAll(req)).toString()}`);
    });
    // 60 s: only the 100 Continue can release the body within the test's time.
    const routed = await routing(policies('', '<forward-request continue-timeout="60" />')).run(post, backendOf(server));
    expect(await routed.text()).toBe('continued:the body');
    expect(expects).toEqual(['100-continue']);
  });

  it('sends the body anyway once continue-timeout passes without 100 Continue', async () => {
    const { server } = await expecting(async (req, res) => {
      res.end(`unasked:${(await readAll(req)).toString()}`);
    });
    const routed = await routing(policies('', '<forward-request continue-timeout="0" />')).run(post, backendOf(server));
    expect(await routed.text()).toBe('unasked:the body');
  });

  it('a final answer before 100 Continue is the response; the body is never sent and the connection is not reused', async () => {
    let bodyBytes = 0;
    const { server } = await expecting((req, res) => {
      req.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
      res.writeHead(401, { 'Content-Type': 'text/plain' });
      res.end('no');
    });
    const r = routing(policies('', '<forward-request continue-timeout="60" />'));
    const refused = await r.run(post, backendOf(server));
    expect(refused.response.status).toBe(401);
    expect(await refused.text()).toBe('no');
    const again = await r.run(post, backendOf(server));
    expect(again.response.status).toBe(401);
    expect(server.connections()).toBe(2);
    expect(bodyBytes).toBe(0);
  });

  it('without continue-timeout no Expect is sent (a client Expect header is not forwarded either)', async () => {
    const { server, expects } = await expecting((_req, res) => res.end('unexpected'));
    const routed = await routing(policies('', '<forward-request />')).run({ ...post, headers: { ...post.headers, Expect: '100-continue' } }, backendOf(server));
    expect(await routed.text()).toBe('plain:the body');
    expect(expects).toEqual([undefined]);
  });
});
