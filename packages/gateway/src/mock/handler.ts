// The mock backend as a node:http request listener, usable in-process (createServer(handler.handle)) or through
// startMockBackend. Every response carries x-request-id and x-mock-backend.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chatCompletions } from './chat.ts';
import { completions } from './completions.ts';
import { analyzeText, shieldPrompt } from './content-safety.ts';
import { handleControl, type ControlTarget, type LiveConfig } from './control.ts';
import { embeddings } from './embeddings.ts';
import { errorBody, failureBody } from './errors.ts';
import { FailureQueue, planRequest, type Failure } from './failures.ts';
import { header, readBody, sendJson } from './http-io.ts';
import { newId } from './ids.ts';
import { getModel, listModels } from './models.ts';
import type { OpContext } from './op-context.ts';
import { resolveOptions, type MockBackendOptions, type MockFailure, type ResolvedOptions } from './options.ts';
import { ResponseStore } from './response-store.ts';
import { responses } from './responses.ts';
import { matchRoute, type Route } from './routes.ts';
import { bump, clearStats, createStats, type MockStats } from './stats.ts';
import { deleteResponse, listInputItems, retrieveResponse } from './stored-responses.ts';

export interface MockHandler {
  readonly name: string;
  /** Live counters (the same object across resets). */
  readonly stats: MockStats;
  /** A node:http request listener. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  enqueueFailures(failures: MockFailure[]): void;
  pendingFailures(): MockFailure[];
  clearFailures(): void;
  configure(patch: LiveConfig): void;
  /** Takes on the LIVE_OPTIONS of `options` (absent ones back to their defaults), as a configuration reload asks. */
  reconfigure(options: MockBackendOptions): void;
  /** Clears counters, scripted failures and stored responses. */
  reset(): void;
}

/** The options a running mock can change without a restart (name, port and start-up failures cannot). */
export const LIVE_OPTIONS = ['region', 'latencyMs', 'chunkDelayMs', 'failRate', 'failStatus', 'apiKey', 'models', 'contentSafety'] as const;

/** Events sent before a scripted mid-stream failure cuts the connection. */
const MID_STREAM_EVENTS = 3;

const OPS: Record<Route['name'], (ctx: OpContext) => void | Promise<void>> = {
  'chat.completions': chatCompletions,
  completions,
  embeddings,
  responses,
  'response.retrieve': retrieveResponse,
  'response.delete': deleteResponse,
  'response.input_items': listInputItems,
  models: listModels,
  model: getModel,
  'contentsafety.analyze': analyzeText,
  'contentsafety.shieldPrompt': shieldPrompt,
};

export function createMockHandler(options: MockBackendOptions = {}): MockHandler {
  const opts: ResolvedOptions = resolveOptions(options);
  const stats = createStats();
  const queue = new FailureQueue();
  queue.enqueue(options.failures ?? []);
  const stored = new ResponseStore();

  const target: MockHandler & ControlTarget = {
    name: opts.name,
    stats,
    handle: (req, res) => {
      serve(req, res).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, errorBody(`Mock backend error: ${String(err)}`, 'server_error'));
        else res.destroy();
      });
    },
    enqueueFailures: (failures) => queue.enqueue(failures),
    pendingFailures: () => queue.pending(),
    clearFailures: () => queue.clear(),
    configure: (patch) => Object.assign(opts, patch),
    reconfigure: (options) => {
      const resolved = resolveOptions(options);
      for (const key of LIVE_OPTIONS) Object.assign(opts, { [key]: resolved[key] });
    },
    reset: () => {
      clearStats(stats);
      queue.clear();
      stored.clear();
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', newId('req', '_'));
    res.setHeader('x-mock-backend', opts.name);
    if (opts.region !== undefined) res.setHeader('x-ms-region', opts.region);
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const body = method === 'GET' || method === 'HEAD' ? Buffer.alloc(0) : await readBody(req);
    if (url.startsWith('/__mock/')) {
      handleControl(target, method, url, body, res);
      return;
    }

    const route = matchRoute(method, url);
    stats.requests += 1;
    bump(stats.byRoute, route?.name ?? 'unknown');
    res.on('finish', () => bump(stats.byStatus, res.statusCode));

    const plan = planRequest(req, queue, opts);
    if (plan.latencyMs > 0) {
      stats.latency.applied += 1;
      stats.latency.totalMs += plan.latencyMs;
      stats.latency.lastMs = plan.latencyMs;
      await opts.sleep(plan.latencyMs);
    }
    const midStream = plan.failure?.kind === 'mid-stream';
    if (plan.failure !== undefined && plan.failure.kind !== 'mid-stream') {
      fail(req, res, plan.failure);
      return;
    }
    if (opts.apiKey !== undefined && !authorised(req, opts.apiKey)) {
      sendJson(res, 401, failureBody(401));
      return;
    }
    if (route === undefined) {
      sendJson(res, 404, errorBody(`Invalid URL (${method} ${url.split('?')[0]})`, 'invalid_request_error'));
      return;
    }
    let parsed: Record<string, unknown> = {};
    if (method === 'POST') {
      const json = parseJson(body);
      if (json === undefined) {
        sendJson(res, 400, errorBody('We could not parse the JSON body of your request. (HINT: This likely means you aren\'t using your HTTP library correctly. The OpenAI API expects a JSON payload.)', 'invalid_request_error'));
        return;
      }
      parsed = json;
    }
    if (midStream && parsed['stream'] !== true) {
      cutJson(res);
      return;
    }
    const ctx: OpContext = {
      res,
      route,
      body: parsed,
      model: modelFor(route, parsed),
      created: Math.floor(opts.now() / 1000),
      options: opts,
      stats,
      replyOverride: header(req, 'x-mock-reply'),
      chunkDelayMs: plan.chunkDelayMs,
      cutAfterEvents: midStream ? MID_STREAM_EVENTS : undefined,
      responses: stored,
    };
    await OPS[route.name](ctx);
  }

  /** A JSON answer that breaks off: 200, a promised length, the start of the body, then the connection drops. */
  function cutJson(res: ServerResponse): void {
    stats.resets += 1;
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '4096' });
    res.write('{"id":"chatcmpl-cut","object":', () => res.destroy());
  }

  function fail(req: IncomingMessage, res: ServerResponse, failure: Exclude<Failure, { kind: 'mid-stream' }>): void {
    if (failure.kind === 'reset') {
      stats.resets += 1;
      req.socket.destroy();
      return;
    }
    const retryAfter = failure.retryAfter ?? (failure.status === 429 ? 1 : undefined);
    const headers: Record<string, string> = {};
    if (retryAfter !== undefined) {
      headers['retry-after'] = String(Math.ceil(retryAfter));
      headers['retry-after-ms'] = String(Math.round(retryAfter * 1000));
      if (failure.status === 429) {
        // Whole seconds, not OpenAI's "6m0s": the Azure samples read them with Convert.ToInt32.
        headers['x-ratelimit-reset-requests'] = String(Math.ceil(retryAfter));
        headers['x-ratelimit-reset-tokens'] = String(Math.ceil(retryAfter));
      }
    }
    sendJson(res, failure.status, failureBody(failure.status, failure.message), headers);
  }

  return target;
}

/** Azure deployments name the model; OpenAI requests carry it in the body. */
function modelFor(route: Route, body: Record<string, unknown>): string {
  if (route.deployment !== undefined) return route.deployment;
  if (typeof body['model'] === 'string' && body['model'] !== '') return body['model'];
  return route.name === 'embeddings' ? 'text-embedding-3-small' : 'gpt-4o';
}

/** OpenAI's and Azure OpenAI's key headers, and Azure AI services' (Content Safety). */
function authorised(req: IncomingMessage, key: string): boolean {
  return header(req, 'api-key') === key || header(req, 'authorization') === `Bearer ${key}` || header(req, 'ocp-apim-subscription-key') === key;
}

function parseJson(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
