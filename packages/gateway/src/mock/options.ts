// What a mock backend can be told at start; most of it can also be changed per request or via /__mock/.
import type { ContentSafetyOptions } from './content-safety.ts';

/** One scripted answer (or several in a row, with `count`) for the next API requests. */
export interface MockFailure {
  /** HTTP status to answer with (e.g. 429, 500, 503), with an OpenAI-shaped error body. */
  status?: number;
  /** Seconds; sent as `Retry-After` and `retry-after-ms`. Default 1 for a 429. */
  retryAfter?: number;
  /**
   * `reset`: destroy the connection without answering. `mid-stream`: answer 200 and start the body (for a stream, a
   * few events), then destroy the connection.
   */
  fail?: 'reset' | 'mid-stream';
  message?: string;
  /** Delay before this answer, in ms. */
  latencyMs?: number;
  /** How many consecutive requests this entry answers (default 1). */
  count?: number;
}

export interface ReplyInput {
  route: string;
  model: string;
  /** The last user text of the request (chat message, prompt or Responses input). */
  lastUserText: string;
}

export interface MockBackendOptions {
  /** Sent as `x-mock-backend` on every response so tests can tell backends apart. Default `mock`. */
  name?: string;
  /** Sent as `x-ms-region` (as Azure OpenAI does) when set; policies read it, e.g. to tag the backend region. */
  region?: string;
  /** Listening port (0 or absent: any free port) and host (default 127.0.0.1). */
  port?: number;
  host?: string;
  /** Delay before every answer, in ms. */
  latencyMs?: number;
  /** Delay between streamed chunks, in ms (0: yield to the event loop only, so each chunk is its own write). */
  chunkDelayMs?: number;
  /** Probability (0..1) that a request fails with `failStatus` (default 500). */
  failRate?: number;
  failStatus?: number;
  /** Scripted answers for the first requests, consumed in order. */
  failures?: MockFailure[];
  /** When set, requests must carry it as `api-key` or `Authorization: Bearer`. */
  apiKey?: string;
  /** Models listed by GET /v1/models. */
  models?: string[];
  /** Replaces the built-in reply text. */
  reply?: (input: ReplyInput) => string;
  /** What the Content Safety emulation flags (terms per category, blocklists, attack phrases). */
  contentSafety?: ContentSafetyOptions;
  /** Injected for tests: time (ms since epoch), waiting, and randomness for `failRate`. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ResolvedOptions {
  name: string;
  region: string | undefined;
  latencyMs: number;
  chunkDelayMs: number;
  failRate: number;
  failStatus: number;
  apiKey: string | undefined;
  models: string[];
  reply: ((input: ReplyInput) => string) | undefined;
  contentSafety: ContentSafetyOptions | undefined;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
}

export const DEFAULT_MODELS = [
  'gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-5', 'o4-mini', 'gpt-4', 'gpt-35-turbo',
  'text-embedding-3-small', 'text-embedding-3-large', 'text-embedding-ada-002',
];

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function resolveOptions(options: MockBackendOptions): ResolvedOptions {
  return {
    name: options.name ?? 'mock',
    region: options.region,
    latencyMs: options.latencyMs ?? 0,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    failRate: options.failRate ?? 0,
    failStatus: options.failStatus ?? 500,
    apiKey: options.apiKey,
    models: options.models ?? DEFAULT_MODELS,
    reply: options.reply,
    contentSafety: options.contentSafety,
    now: options.now ?? Date.now,
    sleep: options.sleep ?? realSleep,
    random: options.random ?? Math.random,
  };
}
