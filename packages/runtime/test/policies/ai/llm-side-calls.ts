// Test support for the policies that call backends of their own (semantic cache, content safety): one loopback
// upstream that answers chat completions (numbering its answers, so a test can tell a cached one), embeddings
// (from vectors the test gives per text: exact distances at the threshold's edge), and whatever the test routes
// to `extra` (content safety); a runtime on a ManualClock with backend entities pointing at it; the request context kept.
import type http from 'node:http';
import { MemoryBackendRegistry, type BackendInit } from '../../../src/backends/index.ts';
import { ManualClock } from '../../../src/clock.ts';
import type { RequestContext, RequestIdentity } from '../../../src/context/request-context.ts';
import { HeaderMap } from '../../../src/http/header-map.ts';
import { readBody } from '../../../src/http/read-body.ts';
import type { GatewayResponse } from '../../../src/http/types.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import type { ScopedDocument } from '../../../src/pipeline/scopes.ts';
import { Runtime } from '../../../src/runtime.ts';
import type { RuntimeServices } from '../../../src/services.ts';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { parse } from '../../support/run-policy.ts';

export const START = Date.UTC(2026, 0, 1);
export const CHAT_PATH = '/openai/deployments/gpt-4o/chat/completions';
export const WIDTH = 16;

export interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface LlmUpstream {
  server: TestServer;
  received: Received[];
  /** Text → vector for the embeddings endpoint; texts not given get a direction of their own (distance 1 to all). */
  vectors: Map<string, Float32Array>;
  /** Status of embeddings answers (default 200). */
  embeddingsStatus: number;
  /** Status and extra headers of chat answers (default 200). */
  chatStatus: number;
  /** Answers paths the upstream does not know (content safety...). */
  extra?: (path: string, body: unknown, res: http.ServerResponse) => boolean;
  chats(): Received[];
  embeddings(): Received[];
}

/** A unit vector at `degrees` in the plane of the first two axes. */
export function at(degrees: number): Float32Array {
  const v = new Float32Array(WIDTH);
  v[0] = Math.cos((degrees * Math.PI) / 180);
  v[1] = Math.sin((degrees * Math.PI) / 180);
  return v;
}

/** The angle whose cosine distance from 0° is `distance`. */
export function degreesAtDistance(distance: number): number {
  return (Math.acos(1 - distance) * 180) / Math.PI;
}

export async function llmUpstream(): Promise<LlmUpstream> {
  let unknown = 2;
  let answers = 0;
  const up: LlmUpstream = {
    server: undefined as unknown as TestServer,
    received: [],
    vectors: new Map(),
    embeddingsStatus: 200,
    chatStatus: 200,
    chats: () => up.received.filter((r) => r.path.includes('/chat/completions')),
    embeddings: () => up.received.filter((r) => r.path.includes('/embeddings')),
  };
  up.server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      up.received.push({ path, headers: req.headers, body: text });
      const body = text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>);
      if (up.extra?.(path, body, res)) return;
      if (path.includes('/embeddings')) {
        if (up.embeddingsStatus !== 200) {
          res.writeHead(up.embeddingsStatus, { 'content-type': 'application/json' });
          res.end('{"error":{"code":"500","message":"embeddings down"}}');
          return;
        }
        const input = String(body?.['input']);
        let vector = up.vectors.get(input);
        if (!vector) {
          vector = new Float32Array(WIDTH);
          vector[unknown++ % WIDTH] = 1;
          up.vectors.set(input, vector);
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: Array.from(vector) }], model: 'text-embedding-3-small' }));
        return;
      }
      if (path.includes('/chat/completions')) {
        answers++;
        const messages = (body?.['messages'] ?? []) as { content: string }[];
        const last = messages.at(-1)?.content ?? '';
        // `x-reply` sets the completion's text; a streamed request gets it word by word.
        const reply = typeof req.headers['x-reply'] === 'string' ? req.headers['x-reply'] : `answer #${answers} to ${last}`;
        if (body?.['stream'] === true) {
          res.writeHead(200, { 'content-type': 'text/event-stream', 'x-answer': String(answers) });
          const chunk = (delta: object, finish: string | null = null) =>
            `data: ${JSON.stringify({ id: `c${answers}`, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
          res.write(chunk({ role: 'assistant', content: '' }));
          for (const word of reply.split(/(?<= )/)) res.write(chunk({ content: word }));
          res.write(chunk({}, 'stop'));
          res.end('data: [DONE]\n\n');
          return;
        }
        res.writeHead(up.chatStatus, { 'content-type': 'application/json', 'x-answer': String(answers) });
        res.end(JSON.stringify({
          id: `chatcmpl-${answers}`,
          object: 'chat.completion',
          model: 'gpt-4o',
          choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }],
          usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
        }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    });
  });
  return up;
}

export interface SideCallGateway {
  clock: ManualClock;
  services: RuntimeServices;
  upstream: LlmUpstream;
  send(request?: SideCallRequest): Promise<SideCallResponse>;
}

export interface SideCallRequest {
  body?: unknown;
  path?: string;
  method?: string;
  identity?: Partial<RequestIdentity>;
  headers?: Record<string, string>;
}

export interface SideCallResponse extends GatewayResponse {
  text: string;
  ctx: RequestContext;
  header(name: string): string | undefined;
  json(): unknown;
}

export const chat = (...contents: string[]): object => ({ model: 'gpt-4o', messages: contents.map((content) => ({ role: 'user', content })) });

/**
 * Runs `xml` (an operation-scope document whose backend section forwards) in front of `upstream`. `backends`
 * get their URL relative to the upstream (`/openai/...`) unless absolute.
 */
export function sideCallGateway(
  xml: string | readonly ScopedDocument[],
  upstream: LlmUpstream,
  backends: Record<string, BackendInit & { url?: string }>,
  options: { services?: RuntimeServices; clock?: ManualClock } = {},
): SideCallGateway {
  const clock = options.clock ?? new ManualClock(START);
  const registry = new MemoryBackendRegistry();
  for (const [id, init] of Object.entries(backends)) {
    const url = init.url?.startsWith('/') ? `${upstream.server.url}${init.url}` : init.url;
    registry.set(id, { ...init, url });
  }
  const services: RuntimeServices = { ...(options.services ?? memoryServices(clock)), backends: registry };
  const runtime = new Runtime({ services });
  const chain: ScopedDocument[] = typeof xml === 'string' ? [{ scope: 'operation', document: parse(xml) }] : [...xml];
  const pipeline = runtime.load(chain);
  return {
    clock,
    services,
    upstream,
    async send(request = {}) {
      const path = request.path ?? CHAT_PATH;
      const { response, context } = await runtime.run(
        pipeline,
        {
          method: request.method ?? 'POST',
          url: `https://apimx.local${path}?api-version=2024-10-21`,
          headers: new HeaderMap({ 'content-type': 'application/json', ...request.headers }),
          body: request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body)),
          clientIp: '10.0.0.1',
        },
        {
          api: null,
          operation: null,
          product: null,
          subscription: null,
          user: null,
          serviceUrl: upstream.server.url,
          backendUrl: `${upstream.server.url}${path}?api-version=2024-10-21`,
          ...request.identity,
        },
      );
      const text = Buffer.from(await readBody(response.body)).toString('utf8');
      return { ...response, text, ctx: context, header: (name: string) => response.headers.joined(name) ?? undefined, json: () => JSON.parse(text) };
    },
  };
}

/** The messages traced by one policy in a request. */
export function tracesOf(ctx: RequestContext, source: string): string[] {
  return ctx.traces.filter((t) => t.source === source).map((t) => t.message);
}
