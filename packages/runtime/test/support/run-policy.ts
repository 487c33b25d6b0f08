// Test support: real policy XML through the real parser and runtime, with a request built from a few fields.
import { parsePolicyDocument, type FragmentDocument, type PoliciesDocument } from '@apimx/parser';
import { ManualClock } from '../../src/clock.ts';
import type { RequestIdentity } from '../../src/context/request-context.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { readBody } from '../../src/http/read-body.ts';
import type { Body, GatewayResponse } from '../../src/http/types.ts';
import { memoryServices } from '../../src/memory-services.ts';
import type { ScopedDocument, ScopeName } from '../../src/pipeline/scopes.ts';
import { Runtime } from '../../src/runtime.ts';
import type { RuntimeServices } from '../../src/services.ts';
import type { PolicyImplementation } from '../../src/policies/types.ts';

export function parse(xml: string, file = 'test.xml', namedValues: Readonly<Record<string, string>> = {}): PoliciesDocument {
  const result = parsePolicyDocument(xml, { file, namedValues });
  if (result.errors.length > 0 || result.document?.kind !== 'policies') {
    throw new Error(`policy does not parse:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  return result.document;
}

export function parseFragment(xml: string, file = 'fragment.xml', namedValues: Readonly<Record<string, string>> = {}): FragmentDocument {
  const result = parsePolicyDocument(xml, { file, namedValues });
  if (result.errors.length > 0 || result.document?.kind !== 'fragment') {
    throw new Error(`fragment does not parse:\n${result.errors.map((e) => e.message).join('\n')}`);
  }
  return result.document;
}

export interface TestRequest {
  method?: string;
  url?: string;
  headers?: Record<string, string | string[]>;
  body?: Body | string;
  clientIp?: string;
}

export interface Harness {
  clock: ManualClock;
  services: RuntimeServices;
  runtime: Runtime;
  /** Send a request through the loaded documents; the body is read whole for assertions. */
  send(request?: TestRequest, identity?: Partial<RequestIdentity>): Promise<TestResponse>;
}

export interface TestResponse extends GatewayResponse {
  text: string;
  header(name: string): string | undefined;
}

/**
 * Load `operation` (and optionally broader scopes) as one chain. Each entry is XML for that scope; the chain
 * runs global → product → api → operation, whichever are given.
 */
export function harness(
  scopes: Partial<Record<ScopeName, string>> | string,
  options: {
    fragments?: Record<string, string>;
    services?: RuntimeServices;
    clock?: ManualClock;
    /** Defaults to every built-in policy (tests may add a probe). */
    policies?: ReadonlyMap<string, PolicyImplementation>;
    /** Named values ({{name}}) substituted when the documents are parsed. */
    namedValues?: Readonly<Record<string, string>>;
  } = {},
): Harness {
  const clock = options.clock ?? new ManualClock(Date.UTC(2026, 0, 1));
  const services = options.services ?? memoryServices(clock);
  const runtime = new Runtime({ services, policies: options.policies });
  const byScope = typeof scopes === 'string' ? { operation: scopes } : scopes;
  const order: ScopeName[] = ['global', 'workspace', 'product', 'api', 'operation'];
  const chain: ScopedDocument[] = order
    .filter((scope) => byScope[scope] !== undefined)
    .map((scope) => ({ scope, document: parse(byScope[scope]!, `${scope}.xml`, options.namedValues) }));
  const fragments = new Map(Object.entries(options.fragments ?? {}).map(([id, xml]) => [id, parseFragment(xml, `${id}.xml`, options.namedValues)]));
  const pipeline = runtime.load(chain, fragments);
  return {
    clock,
    services,
    runtime,
    async send(request = {}, identity = {}) {
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
      return { ...response, text, header: (name: string) => response.headers.joined(name) ?? undefined };
    },
  };
}
