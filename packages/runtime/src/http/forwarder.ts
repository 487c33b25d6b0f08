// forward-request's HTTP/1.1 client (spec §3.6): undici's dispatcher with keep-alive pools (global fetch is ~4x
// slower here, node:http's ClientRequest costs ~40 µs a request more in the gateway benchmark); node:http only for
// continue-timeout and name-only certificate checks (node-exchange.ts). The response body is handed on chunk by
// chunk as it arrives (UpstreamBody), so SSE is never held back; it is read whole only when asked (buffered).
// Every failure rejects with a ForwardError; no socket is left behind: a timeout or a client abort closes the
// upstream connection.

import type { OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { Agent as UndiciAgent } from 'undici';
import { unwatchAbort, watchAbort, type AbortWatcher } from './abort-watch.ts';
import { clientAborted, ForwardError, toForwardError } from './forward-error.ts';
import { HeaderMap } from './header-map.ts';
import { connectionListed, isHopByHop } from './hop-by-hop.ts';
import { NodeHttpTransport } from './node-exchange.ts';
import { readStream } from './read-body.ts';
import { tlsMode, type TlsChecks } from './tls-checks.ts';
import type { Body, GatewayRequest, GatewayResponse } from './types.ts';
import { StaleSocket, UndiciExchange, type UpstreamHead } from './undici-exchange.ts';

export type { TlsChecks } from './tls-checks.ts';

export interface ForwardOptions {
  /** Milliseconds to wait for the response headers (timeout="300" → 300_000, the default; timeout-ms as is). */
  timeoutMs?: number;
  /**
   * forward-request continue-timeout in ms: send `Expect: 100-continue` and hold the body back until the backend
   * answers 100 Continue or this time has passed (then the body goes anyway, as .NET's HttpClient does). A final
   * answer before that (417, 401...) is the response, and the body is never sent. Absent: no Expect header.
   */
  continueTimeoutMs?: number;
  /** Follow 301/302/303/307/308 (default false: the redirect is returned to the caller). */
  followRedirects?: boolean;
  /** Default 10; past it the last redirect response is returned as is. */
  maxRedirects?: number;
  /** Read a streamed request body into bytes first and return them, so a retry can send them again. */
  bufferRequestBody?: boolean;
  /** Return the response body as bytes instead of a stream. */
  bufferResponse?: boolean;
  /** Aborting it aborts the upstream call (ClientConnectionFailure); defaults to the request's signal. */
  signal?: AbortSignal;
  /** A backend entity's tls settings (spec §4.1): false switches that check off for this backend only. */
  tls?: TlsChecks;
}

export interface ForwardResult extends GatewayResponse {
  reason: string;
  /** Bytes when bufferResponse was asked, else the upstream stream: read it to the end or destroy() it. */
  body: Uint8Array | Readable;
  /** The URL that answered (after redirects). */
  url: string;
  /** With bufferRequestBody: the bytes sent, to put back as the request body for a retry. */
  requestBody?: Uint8Array;
}

export interface ForwarderOptions {
  /** Sockets per backend origin (default 512). */
  maxSockets?: number;
  /** Verify backend TLS certificates (default true). */
  rejectUnauthorized?: boolean;
  /** Extra CA certificates (PEM) for backends with private CAs. */
  ca?: string | string[];
}

export const DEFAULT_TIMEOUT_MS = 300_000;
const DEFAULT_MAX_REDIRECTS = 10;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];

export class Forwarder {
  /** undici pools, one per TLS-check combination in use ('' for the default checks). */
  private readonly pools = new Map<string, UndiciAgent>();
  /** For what goes through node:http (node-exchange.ts); its agents are made when first needed. */
  private readonly nodeHttp: NodeHttpTransport;
  private readonly maxSockets: number;
  private readonly rejectUnauthorized: boolean;
  private readonly ca: string | string[] | undefined;

  constructor(options: ForwarderOptions = {}) {
    this.maxSockets = options.maxSockets ?? 512;
    this.rejectUnauthorized = options.rejectUnauthorized ?? true;
    this.ca = options.ca;
    this.nodeHttp = new NodeHttpTransport(this.maxSockets, this.rejectUnauthorized, this.ca);
  }

  /** Send `request` to `target` (default: the request's own URL). Rejects only with ForwardError. */
  async forward(request: GatewayRequest, target: string = request.url, options: ForwardOptions = {}): Promise<ForwardResult> {
    const signal = options.signal ?? request.signal;
    if (signal?.aborted) throw clientAborted();
    let body: Body = request.body;
    let requestBody: Uint8Array | undefined;
    if (options.bufferRequestBody) {
      if (body !== undefined && !(body instanceof Uint8Array)) body = await readClientBody(body, signal);
      requestBody = body;
    }
    let url: URL;
    try {
      url = parsedUrl(target);
    } catch (error) {
      throw new ForwardError('BackendConnectionFailure', `invalid backend URL: ${target}`, { cause: error });
    }
    let method = request.method.toUpperCase();
    const headers = outgoingHeaders(request.headers);
    const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

    for (let redirects = 0; ; redirects++) {
      const response = await this.sendOnce(method, url, headers, body, { timeoutMs, continueTimeoutMs: options.continueTimeoutMs }, signal, options.tls);
      const location = options.followRedirects && REDIRECTS.has(response.status) ? headerValue(response.rawHeaders, 'location') : undefined;
      if (location && redirects < maxRedirects) {
        const next = redirectTarget(response.status, method, body);
        if (next) {
          response.body.resume(); // drain so the connection goes back to the pool
          const nextUrl = new URL(location, url);
          if (nextUrl.origin !== url.origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
          if (next.dropBody) {
            delete headers['content-type'];
            delete headers['content-encoding'];
            body = undefined;
          }
          method = next.method;
          url = nextUrl;
          continue;
        }
      }
      return finish(response, url, options.bufferResponse === true, requestBody);
    }
  }

  /** Close pooled connections; in-flight calls are not affected. */
  close(): void {
    for (const pool of this.pools.values()) void pool.close();
    this.pools.clear();
    this.nodeHttp.close();
  }

  /**
   * The pool for a backend's TLS checks: the shared one unless a check is switched off, then one pool per
   * combination, so relaxed settings never leak to other backends' connections.
   */
  private pool(secure: boolean, tls: TlsChecks | undefined): UndiciAgent {
    const { chain, name, poolKey } = tlsMode(secure, tls);
    let pool = this.pools.get(poolKey);
    if (pool === undefined) {
      pool = new UndiciAgent({
        connections: this.maxSockets,
        // forward-request's timeout covers the response head and is enforced by the exchange; a body may take
        // as long as it takes (an SSE stream can be quiet for minutes).
        headersTimeout: 0,
        bodyTimeout: 0,
        connect: {
          rejectUnauthorized: chain && this.rejectUnauthorized,
          ...(this.ca === undefined ? {} : { ca: this.ca }),
          ...(name ? {} : { checkServerIdentity: () => undefined }),
        },
      });
      this.pools.set(poolKey, pool);
    }
    return pool;
  }

  // One attempt, plus one quiet retry when a pooled keep-alive socket turns out to have been closed by the
  // backend before we wrote to it (a race every keep-alive client meets); only when the body can be resent.
  private async sendOnce(
    method: string,
    url: URL,
    headers: OutgoingHttpHeaders,
    body: Body,
    waits: Waits,
    signal: AbortSignal | undefined,
    tls: TlsChecks | undefined,
  ): Promise<UpstreamHead> {
    try {
      return await this.send(method, url, headers, body, waits, signal, tls);
    } catch (error) {
      if (error instanceof StaleSocket && !isStream(body)) return this.send(method, url, headers, body, waits, signal, tls);
      throw error instanceof StaleSocket ? error.error : error;
    }
  }

  private send(
    method: string,
    url: URL,
    headers: OutgoingHttpHeaders,
    body: Body,
    waits: Waits,
    signal: AbortSignal | undefined,
    tls: TlsChecks | undefined,
  ): Promise<UpstreamHead> {
    if (isStream(body) && (body.readableDidRead || body.destroyed)) {
      return Promise.reject(
        new ForwardError('BackendConnectionFailure', 'the request body stream was already sent once; use buffer-request-body="true" to send it again'),
      );
    }
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') {
      return Promise.reject(new ForwardError('BackendConnectionFailure', `unsupported backend URL scheme: ${url.protocol}`));
    }
    // `headers` is this call's own object (outgoingHeaders made it): set the backend's host on it, no copy.
    const outgoing = headers;
    outgoing.host = url.host;
    if (body instanceof Uint8Array) {
      if (body.byteLength > 0 || method === 'POST' || method === 'PUT' || method === 'PATCH') outgoing['content-length'] = body.byteLength;
    } else if (body === undefined) {
      delete outgoing['content-length'];
      if (method === 'POST' || method === 'PUT' || method === 'PATCH') outgoing['content-length'] = 0;
    }
    const awaitContinue = waits.continueTimeoutMs !== undefined && hasBody(body);
    const nameOnly = secure && tls?.validateCertificateChain === false && tls.validateCertificateName !== false;
    if (awaitContinue || nameOnly) {
      return this.nodeHttp.send(method, url, outgoing, body, signal, tls, waits.timeoutMs, awaitContinue ? waits.continueTimeoutMs : undefined);
    }
    return new Promise((resolve, reject) => {
      const exchange = new UndiciExchange(body, signal, waits.timeoutMs, resolve, reject);
      this.pool(secure, tls).dispatch(
        { origin: url.origin, path: url.pathname + url.search, method: method as 'GET', headers: outgoing as Record<string, string>, body: body ?? null },
        exchange,
      );
    });
  }
}

interface Waits {
  timeoutMs: number;
  continueTimeoutMs: number | undefined;
}

function hasBody(body: Body): boolean {
  return body !== undefined && (isStream(body) || body.byteLength > 0);
}

function isStream(body: Body): body is Readable {
  return body !== undefined && !(body instanceof Uint8Array);
}

/** Method and body for the next hop, or undefined when it cannot be followed (a streamed body already spent). */
function redirectTarget(status: number, method: string, body: Body): { method: string; dropBody: boolean } | undefined {
  if (status === 303 && method !== 'HEAD') return { method: 'GET', dropBody: true };
  if ((status === 301 || status === 302) && method === 'POST') return { method: 'GET', dropBody: true };
  if (isStream(body)) return undefined;
  return { method, dropBody: false };
}

function outgoingHeaders(headers: HeaderMap): OutgoingHttpHeaders {
  const listed = connectionListed(headers.get('connection'));
  const out: OutgoingHttpHeaders = {};
  headers.forEach((values, lower) => {
    if (isHopByHop(lower, listed)) return;
    // Lower-case keys so redirects and body rewrites can find them; HTTP/1.1 names are case-insensitive.
    out[lower] = values.length === 1 ? values[0]! : [...values];
  });
  return out;
}

function responseHeaders(raw: readonly string[]): HeaderMap {
  let connection: string[] | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    if (raw[i]!.length === 10 && raw[i]!.toLowerCase() === 'connection') (connection ??= []).push(raw[i + 1]!);
  }
  const listed = connectionListed(connection);
  return HeaderMap.fromRaw(raw, (lower) => lower !== 'host' && isHopByHop(lower, listed));
}

function finish(head: UpstreamHead, url: URL, buffer: boolean, requestBody: Uint8Array | undefined): ForwardResult | Promise<ForwardResult> {
  const result: ForwardResult = {
    status: head.status,
    reason: head.reason,
    headers: responseHeaders(head.rawHeaders),
    body: head.body,
    url: url.href,
  };
  if (requestBody) result.requestBody = requestBody;
  if (!buffer) return result;
  return readStream(head.body).then(
    (bytes) => {
      result.body = bytes;
      return result;
    },
    (error: unknown) => {
      throw toForwardError(error);
    },
  );
}

/** The first value of a header in raw name/value pairs (`lower` lower-cased). */
function headerValue(raw: readonly string[], lower: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i]!.length === lower.length && raw[i]!.toLowerCase() === lower) return raw[i + 1];
  return undefined;
}

async function readClientBody(body: Readable, signal: AbortSignal | undefined): Promise<Uint8Array> {
  if (body.readableDidRead) {
    throw new ForwardError('BackendConnectionFailure', 'the request body stream was already read; it cannot be buffered now');
  }
  const watcher: AbortWatcher = { onAbort: () => body.destroy(clientAborted()) };
  if (signal) watchAbort(signal, watcher);
  try {
    return await readStream(body);
  } catch (error) {
    throw error instanceof ForwardError ? error : new ForwardError('ClientConnectionFailure', `reading the request body failed: ${(error as Error).message}`, { cause: error });
  } finally {
    if (signal) unwatchAbort(signal, watcher);
  }
}

// A forward target is one of a few backend URLs, again and again: parse each once. The URL objects are only
// read here (a redirect makes a new one), so sharing them is safe.
const parsedUrls = new Map<string, URL>();

function parsedUrl(text: string): URL {
  let url = parsedUrls.get(text);
  if (url === undefined) {
    url = new URL(text);
    if (parsedUrls.size >= 1024) parsedUrls.clear();
    parsedUrls.set(text, url);
  }
  return url;
}

let shared: Forwarder | undefined;

/** The process-wide forwarder (one pool of keep-alive sockets per backend origin). */
export function defaultForwarder(): Forwarder {
  shared ??= new Forwarder();
  return shared;
}
