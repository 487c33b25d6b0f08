// node's IncomingMessage → the runtime's GatewayRequest, without reading the body: it stays a stream that
// forward-request pipes on (or a policy buffers when it reads it).
import type { IncomingMessage } from 'node:http';
import { HeaderMap, type GatewayRequest } from '@apimx/runtime';

export function toGatewayRequest(req: IncomingMessage, signal: AbortSignal): GatewayRequest {
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 80}`;
  const scheme = 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
  return {
    method: req.method ?? 'GET',
    url: `${scheme}://${host}${req.url ?? '/'}`,
    headers: HeaderMap.fromRaw(req.rawHeaders),
    body: hasBody(req) ? req : undefined,
    clientIp: clientIp(req),
    signal,
  };
}

/** RFC 9112 §6.3: a request has a body only with Content-Length > 0 or Transfer-Encoding. */
function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The socket's peer address, IPv4-mapped IPv6 shown as IPv4 (as APIM reports 1.2.3.4, not ::ffff:1.2.3.4). */
function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '';
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}
