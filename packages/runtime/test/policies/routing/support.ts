// Routing test support: real upstream servers on loopback, a sleep that records waits (and moves the ManualClock)
// instead of spending them, and a way to run one request and keep its context (LastError, Variables, traces).
import type http from 'node:http';
import { afterEach } from 'vitest';
import { MemoryBackendRegistry, type BackendInit } from '../../../src/backends/index.ts';
import { ManualClock } from '../../../src/clock.ts';
import { RequestContext, type RequestIdentity } from '../../../src/context/request-context.ts';
import { HeaderMap } from '../../../src/http/header-map.ts';
import { readBody } from '../../../src/http/read-body.ts';
import type { Body, GatewayResponse } from '../../../src/http/types.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import type { Pipeline } from '../../../src/pipeline/pipeline.ts';
import { toGatewayResponse } from '../../../src/response.ts';
import { Runtime } from '../../../src/runtime.ts';
import type { RuntimeServices } from '../../../src/services.ts';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { parse } from '../../support/run-policy.ts';

const servers: TestServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** A node:http upstream on a free loopback port, closed after the test. */
export async function upstream(handler: http.RequestListener): Promise<TestServer> {
  const server = await startServer(handler);
  servers.push(server);
  return server;
}

export interface Routing {
  services: RuntimeServices;
  clock: ManualClock;
  /** Every wait retry asked for, in ms. */
  waits: number[];
  /** Called at every wait (e.g. to make the client go away meanwhile). */
  onWait?: (ms: number) => void;
  pipeline: Pipeline;
  /** Run one request; the context is kept for assertions on LastError, Variables and traces. */
  run(request?: RoutedRequest, identity?: Partial<RequestIdentity>): Promise<Routed>;
}

export interface RoutedRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[]>;
  body?: Body | string;
  signal?: AbortSignal;
}

export interface Routed {
  ctx: RequestContext;
  response: GatewayResponse;
  /** Reads the whole response body. */
  text(): Promise<string>;
}

/** Load `xml` as an operation-scope document (or a whole chain) with backends and a recording sleep. */
export function routing(xml: string | { api?: string; operation: string }, backends: Record<string, BackendInit> = {}): Routing {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const waits: number[] = [];
  let self: Routing | undefined;
  const services: RuntimeServices = {
    ...memoryServices(clock),
    backends: new MemoryBackendRegistry(backends),
    sleep: {
      delay(ms) {
        waits.push(ms);
        clock.advance(ms);
        self?.onWait?.(ms);
        return Promise.resolve();
      },
    },
  };
  const runtime = new Runtime({ services });
  const scopes = typeof xml === 'string' ? { operation: xml } : xml;
  const chain = [];
  if (scopes.api) chain.push({ scope: 'api' as const, document: parse(scopes.api, 'api.xml') });
  chain.push({ scope: 'operation' as const, document: parse(scopes.operation, 'operation.xml') });
  const pipeline = runtime.load(chain);
  self = {
    services,
    clock,
    waits,
    pipeline,
    async run(request = {}, identity = {}) {
      const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      const incoming = {
        method: request.method ?? 'GET',
        url: request.url ?? 'https://apimx.local/api/op',
        headers: new HeaderMap(request.headers ?? {}),
        body,
        clientIp: '127.0.0.1',
        signal: request.signal,
      };
      const ctx = new RequestContext(services, incoming, { api: null, operation: null, product: null, subscription: null, user: null, ...identity });
      await pipeline.run(ctx);
      const response = toGatewayResponse(ctx);
      return { ctx, response, text: async () => Buffer.from(await readBody(response.body)).toString('utf8') };
    },
  };
  return self;
}

/** Identity whose backend is `server` (API service URL `base`, operation path `path`). */
export function backendOf(server: TestServer, path = '/op', base = ''): Partial<RequestIdentity> {
  return { serviceUrl: `${server.url}${base}`, backendUrl: `${server.url}${base}${path}` };
}

export function policies(inbound: string, backend = '<forward-request />', outbound = '', onError = ''): string {
  return `<policies><inbound>${inbound}</inbound><backend>${backend}</backend><outbound>${outbound}</outbound><on-error>${onError}</on-error></policies>`;
}
