// A GatewayResponse onto node's ServerResponse: bytes in one write, a stream chunk by chunk as it arrives
// (server-sent events reach the client as the backend sends them). Hop-by-hop headers stay behind.
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { UpstreamBody, type GatewayResponse } from '@apimx/runtime';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'te', 'trailer']);

export function writeResponse(res: ServerResponse, response: GatewayResponse, head = false): Promise<void> {
  const headers: string[] = [];
  response.headers.forEach((values, lower, name) => {
    if (HOP_BY_HOP.has(lower)) return;
    for (const value of values) headers.push(name, value);
  });
  const { body } = response;
  res.writeHead(response.status, response.reason ?? undefined, headers);
  if (body === undefined || head) {
    if (body instanceof Readable) body.destroy();
    res.end();
    return Promise.resolve();
  }
  if (body instanceof Uint8Array) {
    res.end(body);
    return Promise.resolve();
  }
  // An event stream (or a body of unknown length) gets its head at once, so an SSE client sees the 200 before
  // the first event; a body of known length sends the head with its first chunk (one write fewer).
  if (!response.headers.has('content-length') || response.headers.first('content-type')?.startsWith('text/event-stream')) res.flushHeaders();
  // A backend's body nobody has read yet goes from the socket to the client without a pipe in between.
  return (body instanceof UpstreamBody ? body.sendTo(res) : null) ?? pipeStream(body, res);
}

/**
 * Pipe with backpressure (pipe ends the response when the body ends); resolves when the response is closed,
 * finished or not. The backend stream is destroyed if the client goes away first. Anonymous listeners only:
 * they are made on every request (and tsx would give a named closure a per-request defineProperty).
 */
function pipeStream(body: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    res.on('close', () => {
      if (!body.readableEnded && !body.destroyed) body.destroy();
      resolve();
    });
    body.on('error', () => {
      // Headers are gone already: all that can be said is that the body is cut short.
      res.destroy();
    });
    body.pipe(res);
  });
}
