// The runtime's own request and response shapes: what the gateway builds from an incoming request and
// what it writes back. No framework types cross this line.

import type { Readable } from 'node:stream';
import type { HeaderMap } from './header-map.ts';

/** A message body: all bytes, a stream read once, or none. */
export type Body = Uint8Array | Readable | undefined;

export interface GatewayRequest {
  method: string;
  /** Absolute URL (`https://host:port/path?query`); use `buildUrl` to assemble one from parts. */
  url: string;
  headers: HeaderMap;
  body?: Body;
  /** The caller's IP address as APIM reports it in context.Request.IpAddress. */
  clientIp: string;
  /** Aborted by the gateway when the client goes away; the forwarder aborts the upstream call with it. */
  signal?: AbortSignal;
}

export interface GatewayResponse {
  status: number;
  /** Reason phrase; defaults to the standard one for the status when absent. */
  reason?: string;
  headers: HeaderMap;
  body?: Body;
}

export interface UrlParts {
  scheme: 'http' | 'https';
  host: string;
  port?: number;
  /** Starts with `/`. */
  path: string;
  /** Without the leading `?`; empty for none. */
  query?: string;
}

export function buildUrl(parts: UrlParts): string {
  const defaultPort = parts.scheme === 'https' ? 443 : 80;
  const port = parts.port === undefined || parts.port === defaultPort ? '' : `:${parts.port}`;
  const query = parts.query ? `?${parts.query}` : '';
  return `${parts.scheme}://${parts.host}${port}${parts.path}${query}`;
}

export function isBytes(body: Body): body is Uint8Array {
  return body instanceof Uint8Array;
}
