// One request on the wire through node:http, for what undici does not do the way APIM needs: holding the body
// back for `Expect: 100-continue` with a continue-timeout, and checking a certificate's name but not its chain.
// Everything else goes through undici (undici-exchange.ts).
import http from 'node:http';
import type { IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import nodeTls from 'node:tls';
import { unwatchAbort, watchAbort, type AbortWatcher } from './abort-watch.ts';
import { clientAborted, ForwardError, toForwardError } from './forward-error.ts';
import { tlsMode, type TlsChecks } from './tls-checks.ts';
import type { Body } from './types.ts';
import { StaleSocket, type UpstreamHead } from './undici-exchange.ts';

/** node:http's keep-alive agents, one per TLS-check combination in use, made when first needed. */
export class NodeHttpTransport {
  private readonly agents = new Map<string, http.Agent>();

  constructor(
    private readonly maxSockets: number,
    private readonly rejectUnauthorized: boolean,
    private readonly ca: string | string[] | undefined,
  ) {}

  /**
   * Sends the request and settles with the response head (its body the IncomingMessage itself). `outgoing` is
   * the call's own header object; with `continueTimeoutMs` the body waits for 100 Continue.
   */
  send(
    method: string,
    url: URL,
    outgoing: OutgoingHttpHeaders,
    body: Body,
    signal: AbortSignal | undefined,
    tls: TlsChecks | undefined,
    timeoutMs: number,
    continueTimeoutMs: number | undefined,
  ): Promise<UpstreamHead> {
    const secure = url.protocol === 'https:';
    const mode = tlsMode(secure, tls);
    if (continueTimeoutMs !== undefined) outgoing.expect = '100-continue';
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const options: http.RequestOptions = {
      method,
      hostname,
      port: url.port || (secure ? 443 : 80),
      path: url.pathname + url.search,
      headers: outgoing,
      agent: this.agent(secure, mode.chain, mode.name, mode.poolKey),
    };
    let req: http.ClientRequest;
    try {
      req = secure ? https.request(options) : http.request(options);
    } catch (error) {
      return Promise.reject(toForwardError(error));
    }
    // Chain check off but name check on: node checks names only as part of the chain check, so check here.
    if (secure && !mode.chain && mode.name) checkNameOnConnect(req, hostname);
    return new Promise((resolve, reject) => {
      new Attempt(req, body, signal, timeoutMs, continueTimeoutMs, (res) => resolve(headOf(res)), reject);
    });
  }

  close(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private agent(secure: boolean, chain: boolean, name: boolean, poolKey: string): http.Agent {
    const key = `${secure}:${poolKey}`;
    let agent = this.agents.get(key);
    if (agent === undefined) {
      const common = { keepAlive: true, maxSockets: this.maxSockets };
      agent = secure
        ? new https.Agent({
            ...common,
            ca: this.ca,
            rejectUnauthorized: chain && this.rejectUnauthorized,
            ...(name ? {} : { checkServerIdentity: () => undefined }),
          })
        : new http.Agent(common);
      this.agents.set(key, agent);
    }
    return agent;
  }
}

function headOf(res: IncomingMessage): UpstreamHead {
  // Errors after the headers reach whoever reads the body; this listener only keeps an unread body's error
  // from becoming an uncaught exception (a stream that errored before being read still reports it to readers).
  res.on('error', noop);
  return { status: res.statusCode ?? 502, reason: res.statusMessage ?? '', rawHeaders: res.rawHeaders, body: res };
}

function noop(): void {}

/**
 * One request on the wire (node:http) until its response head arrives, fails, times out or the client aborts. A class, not
 * closures: it is made for every request, and tsx (esbuild keepNames) gives each named closure a defineProperty.
 */
class Attempt implements AbortWatcher {
  private settled = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private response: IncomingMessage | null = null;
  /** Set while the body waits for 100 Continue (continue-timeout); null once it is sent or given up. */
  private continueTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly req: http.ClientRequest,
    private readonly body: Body,
    private readonly signal: AbortSignal | undefined,
    timeoutMs: number,
    continueTimeoutMs: number | undefined,
    private readonly resolve: (response: IncomingMessage) => void,
    private readonly reject: (error: Error) => void,
  ) {
    this.timer = Number.isFinite(timeoutMs)
      ? setTimeout(() => this.fail(new ForwardError('Timeout', `the backend did not answer within ${timeoutMs} ms`)), Math.max(0, timeoutMs))
      : undefined;
    if (signal) watchAbort(signal, this);
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (this.settled) return;
      const stale = req.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      this.fail(stale ? new StaleSocket(toForwardError(error)) : toForwardError(error));
    });
    req.on('response', (res: IncomingMessage) => {
      if (this.settled) {
        res.destroy();
        return;
      }
      this.settled = true;
      if (this.timer) clearTimeout(this.timer);
      if (this.continueTimer) this.giveUpBody();
      // The abort listener stays while the body streams (a client gone then destroys it) and goes with the body.
      this.response = res;
      if (this.signal) res.on('close', () => unwatchAbort(this.signal!, this));
      this.resolve(res);
    });
    if (continueTimeoutMs === undefined) {
      this.sendBody();
      return;
    }
    req.flushHeaders();
    req.once('continue', () => this.sendHeldBody());
    this.continueTimer = setTimeout(() => this.sendHeldBody(), Math.max(0, continueTimeoutMs));
  }

  private sendBody(): void {
    const { req, body } = this;
    if (body === undefined) req.end();
    else if (body instanceof Uint8Array) req.end(body);
    else {
      body.once('error', (error) => this.fail(new ForwardError('ClientConnectionFailure', `reading the request body failed: ${error.message}`, { cause: error })));
      body.pipe(req);
    }
  }

  /** 100 Continue came, or continue-timeout passed without it: the body goes now. */
  private sendHeldBody(): void {
    if (this.continueTimer === null) return;
    clearTimeout(this.continueTimer);
    this.continueTimer = null;
    this.sendBody();
  }

  /**
   * The backend answered before asking for the body: it is never sent, and the connection is not reused (the
   * backend may still expect the announced bytes).
   */
  private giveUpBody(): void {
    clearTimeout(this.continueTimer!);
    this.continueTimer = null;
    this.req.shouldKeepAlive = false;
    this.req.end();
  }

  /** The client's signal fired. */
  onAbort(): void {
    if (this.response) this.response.destroy(clientAborted());
    else this.fail(clientAborted());
  }

  private cleanup(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.continueTimer) {
      clearTimeout(this.continueTimer);
      this.continueTimer = null;
    }
    if (this.signal) unwatchAbort(this.signal, this);
  }

  private fail(error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.cleanup();
    this.req.destroy();
    if (isStream(this.body)) this.body.unpipe(this.req);
    this.reject(error);
  }
}

function isStream(body: Body): body is import('node:stream').Readable {
  return body !== undefined && !(body instanceof Uint8Array);
}

/** Sockets whose certificate name was already checked (a pooled socket is checked once). */
const nameChecked = new WeakSet<object>();

/** Destroy a new TLS connection whose certificate does not name `host` (APIM's validateCertificateName). */
function checkNameOnConnect(req: http.ClientRequest, host: string): void {
  req.once('socket', (socket) => {
    if (nameChecked.has(socket)) return;
    socket.once('secureConnect', () => {
      const error = nodeTls.checkServerIdentity(host, (socket as nodeTls.TLSSocket).getPeerCertificate());
      if (error) socket.destroy(error);
      else nameChecked.add(socket);
    });
  });
}
