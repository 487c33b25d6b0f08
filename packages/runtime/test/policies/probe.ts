// Test support for what a response cannot show (the request as it would go to the backend, the variables):
// the real runtime with one extra implementation, under the schema of <redirect-content-urls/> (a policy with no
// attributes that apimx does not implement), that snapshots the request context where it stands.
import { ManualClock } from '../../src/clock.ts';
import type { RequestContext, RequestIdentity } from '../../src/context/request-context.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { readBody } from '../../src/http/read-body.ts';
import { memoryServices } from '../../src/memory-services.ts';
import type { ScopedDocument, ScopeName } from '../../src/pipeline/scopes.ts';
import { BUILT_IN_POLICIES } from '../../src/policies/index.ts';
import type { PolicyImplementation } from '../../src/policies/types.ts';
import { Runtime } from '../../src/runtime.ts';
import type { RuntimeServices } from '../../src/services.ts';
import { parse, type TestRequest } from '../support/run-policy.ts';

export const PROBE = '<redirect-content-urls />';

export interface Snapshot {
  section: string;
  method: string;
  url: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string[]>;
  body: string | null;
  variables: Map<string, { value: unknown; type: string | undefined }>;
  status: number;
  responseHeaders: Record<string, string[]>;
}

export interface ProbeResult {
  snapshots: Snapshot[];
  status: number;
  headers: HeaderMap;
  text: string;
}

export function probeHarness(
  scopes: Partial<Record<ScopeName, string>> | string,
  options: { services?: RuntimeServices; onProbe?: (ctx: RequestContext) => void } = {},
): { services: RuntimeServices; send(request?: TestRequest, identity?: Partial<RequestIdentity>): Promise<ProbeResult> } {
  const services = options.services ?? memoryServices(new ManualClock(Date.UTC(2026, 0, 1)));
  let snapshots: Snapshot[] = [];
  const probe: PolicyImplementation = {
    name: 'redirect-content-urls',
    build: () => ({
      run: (ctx) => {
        snapshots.push(snapshot(ctx));
        options.onProbe?.(ctx);
      },
    }),
  };
  const runtime = new Runtime({ services, policies: new Map([...BUILT_IN_POLICIES, [probe.name, probe]]) });
  const byScope = typeof scopes === 'string' ? { operation: scopes } : scopes;
  const order: ScopeName[] = ['global', 'workspace', 'product', 'api', 'operation'];
  const chain: ScopedDocument[] = order
    .filter((scope) => byScope[scope] !== undefined)
    .map((scope) => ({ scope, document: parse(byScope[scope]!, `${scope}.xml`) }));
  const pipeline = runtime.load(chain);
  return {
    services,
    async send(request = {}, identity = {}) {
      snapshots = [];
      const body = typeof request.body === 'string' ? Buffer.from(request.body) : request.body;
      const response = await runtime.handle(
        pipeline,
        {
          method: request.method ?? 'GET',
          url: request.url ?? 'https://apimx.local/api/op',
          headers: new HeaderMap(request.headers ?? {}),
          body,
          clientIp: request.clientIp ?? '127.0.0.1',
        },
        { api: null, operation: null, product: null, subscription: null, user: null, ...identity },
      );
      const text = Buffer.from(await readBody(response.body)).toString('utf8');
      return { snapshots, status: response.status, headers: response.headers, text };
    },
  };
}

function snapshot(ctx: RequestContext): Snapshot {
  const body = ctx.Request.Body;
  const variables = new Map<string, { value: unknown; type: string | undefined }>();
  for (const [name, value] of ctx.Variables.entries()) variables.set(name, { value, type: ctx.Variables.typeOf(name) });
  return {
    section: ctx.section,
    method: ctx.Request.Method,
    url: ctx.Request.Url.toString(),
    path: ctx.Request.Url.Path,
    query: Object.fromEntries([...ctx.Request.Url.Query].map(([k, v]) => [k, [...v]])),
    headers: ctx.Request.Headers.toJSON(),
    body: body && body.buffered ? Buffer.from(body.read(true)).toString('utf8') : null,
    variables,
    status: ctx.Response.StatusCode,
    responseHeaders: ctx.Response.Headers.toJSON(),
  };
}
