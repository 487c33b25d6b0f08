// Test support for the AI token policies: a real node:http upstream that answers like OpenAI (JSON with usage,
// SSE with or without the usage chunk, optionally holding the stream's end), and the runtime in front of it
// running real policy XML on a ManualClock.
import type { Readable } from 'node:stream';
import { ManualClock } from '../../../src/clock.ts';
import type { RequestIdentity } from '../../../src/context/request-context.ts';
import { HeaderMap } from '../../../src/http/header-map.ts';
import { readBody } from '../../../src/http/read-body.ts';
import type { GatewayResponse } from '../../../src/http/types.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import type { MemoryMetricsSink } from '../../../src/metrics/sink.ts';
import type { Pipeline } from '../../../src/pipeline/pipeline.ts';
import type { ScopedDocument } from '../../../src/pipeline/scopes.ts';
import { Runtime } from '../../../src/runtime.ts';
import type { RuntimeServices } from '../../../src/services.ts';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { parse } from '../../support/run-policy.ts';

export const START = Date.UTC(2026, 0, 1);
export const CHAT_PATH = '/openai/deployments/gpt-4o/chat/completions';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens: number };
  completion_tokens_details?: { reasoning_tokens: number };
}

export function usage(prompt: number, completion: number, extra: Partial<Usage> = {}): Usage {
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion, ...extra };
}

export type Reply =
  | { kind: 'json'; usage?: Usage; status?: number }
  /** Chat chunks with these contents; the usage chunk only when `usage` is given; `hold` delays the end. */
  | { kind: 'sse'; contents: string[]; usage?: Usage; hold?: Promise<void> };

export interface Upstream {
  server: TestServer;
  /** Request bodies received, in order. */
  bodies: string[];
  reply: Reply;
}

export async function openAiUpstream(reply: Reply = { kind: 'json', usage: usage(20, 30) }): Promise<Upstream> {
  const up: Upstream = { server: undefined as unknown as TestServer, bodies: [], reply };
  up.server = await startServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      up.bodies.push(Buffer.concat(chunks).toString('utf8'));
      const r = up.reply;
      if (r.kind === 'json') {
        res.writeHead(r.status ?? 200, { 'Content-Type': 'application/json' });
        const body = r.status && r.status >= 400
          ? { error: { code: String(r.status), message: 'upstream error' } }
          : { id: 'chatcmpl-1', object: 'chat.completion', model: 'gpt-4o', choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }], usage: r.usage };
        res.end(JSON.stringify(body));
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const chunk = (delta: object, finish: string | null = null): string =>
        `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'gpt-4o', choices: [{ index: 0, delta, finish_reason: finish }], usage: null })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }));
      const rest = (): void => {
        for (const content of r.contents) res.write(chunk({ content }));
        res.write(chunk({}, 'stop'));
        if (r.usage) res.write(`data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', choices: [], usage: r.usage })}\n\n`);
        res.end('data: [DONE]\n\n');
      };
      if (r.hold) void r.hold.then(rest);
      else rest();
    });
  });
  return up;
}

export interface SendOptions {
  body?: object;
  clientIp?: string;
  identity?: Partial<RequestIdentity>;
  path?: string;
}

export interface Gateway {
  clock: ManualClock;
  services: RuntimeServices;
  sink: MemoryMetricsSink;
  upstream: Upstream;
  /** One request; the body read whole. */
  send(options?: SendOptions): Promise<GatewayResponse & { text: string; header(name: string): string | undefined }>;
  /** One request; the response as the host gets it (a streamed body stays a stream). */
  open(options?: SendOptions): Promise<GatewayResponse>;
  close(): Promise<void>;
}

export const chatBody = (content = 'Hello there, how are you today?', extra: object = {}): object => ({
  model: 'gpt-4o',
  messages: [{ role: 'user', content }],
  ...extra,
});

const GLOBAL = '<policies><inbound /><backend><forward-request buffer-response="false" /></backend><outbound /><on-error /></policies>';

/** `inbound` / `outbound` are policy XML placed in those sections; the backend forwards with buffer-response="false", as SSE needs (spec §3.6). */
export async function gateway(sections: { inbound: string; outbound?: string } | { document: string }, options: { upstream?: Upstream; services?: RuntimeServices; clock?: ManualClock } = {}): Promise<Gateway> {
  const clock = options.clock ?? new ManualClock(START);
  const services = options.services ?? memoryServices(clock);
  const xml = 'document' in sections
    ? sections.document
    : `<policies><inbound>${sections.inbound}</inbound><backend><forward-request buffer-response="false" /></backend><outbound>${sections.outbound ?? ''}</outbound><on-error /></policies>`;
  const runtime = new Runtime({ services });
  // A document of its own (a corpus file) runs under a global scope whose backend forwards, as APIM's default does.
  const chain: ScopedDocument[] = 'document' in sections ? [{ scope: 'global', document: parse(GLOBAL, 'global.xml') }] : [];
  chain.push({ scope: 'operation', document: parse(xml) });
  const pipeline: Pipeline = runtime.load(chain);
  // After the load, which may throw: no server is left open by a document that does not load.
  const upstream = options.upstream ?? (await openAiUpstream());
  const open = (o: SendOptions = {}): Promise<GatewayResponse> => {
    const path = o.path ?? CHAT_PATH;
    return runtime.handle(
      pipeline,
      {
        method: 'POST',
        url: `https://apimx.local${path}?api-version=2024-10-21`,
        headers: new HeaderMap({ 'content-type': 'application/json' }),
        body: Buffer.from(JSON.stringify(o.body ?? chatBody())),
        clientIp: o.clientIp ?? '10.0.0.1',
      },
      {
        api: null,
        operation: null,
        product: null,
        subscription: null,
        user: null,
        serviceUrl: upstream.server.url,
        backendUrl: `${upstream.server.url}${path}?api-version=2024-10-21`,
        ...o.identity,
      },
    );
  };
  return {
    clock,
    services,
    sink: services.metrics as MemoryMetricsSink,
    upstream,
    open,
    async send(o) {
      const response = await open(o);
      const text = Buffer.from(await readBody(response.body)).toString('utf8');
      return { ...response, text, header: (name: string) => response.headers.joined(name) ?? undefined };
    },
    close: () => upstream.server.close(),
  };
}

/** Reads a streamed body as it arrives: the first chunk as soon as it comes, and the whole text at the end. */
export function collect(stream: Readable): { first: Promise<string>; all: Promise<string> } {
  const chunks: Buffer[] = [];
  let firstSeen!: (text: string) => void;
  const first = new Promise<string>((resolve) => (firstSeen = resolve));
  const all = new Promise<string>((resolve, reject) => {
    stream.on('data', (chunk: Buffer) => {
      if (chunks.length === 0) firstSeen(Buffer.from(chunk).toString('utf8'));
      chunks.push(Buffer.from(chunk));
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
  return { first, all };
}

/** The tokens a response's metrics recorded, by metric name (the last value of each). */
export function metricValues(sink: MemoryMetricsSink): Record<string, number> {
  return Object.fromEntries(sink.records.map((r) => [r.name, r.value]));
}
