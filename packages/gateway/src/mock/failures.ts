// Deciding, per request, the delay and whether to fail. Precedence: the request's own x-mock-* headers, then the
// scripted queue (POST /__mock/failures or options.failures), then the random fail rate. A request whose headers
// script a failure does not consume the queue.
import type { IncomingMessage } from 'node:http';
import { header } from './http-io.ts';
import type { MockFailure, ResolvedOptions } from './options.ts';

export type Failure =
  | { kind: 'reset' }
  | { kind: 'mid-stream' }
  | { kind: 'status'; status: number; retryAfter: number | undefined; message: string | undefined };

export interface Plan {
  latencyMs: number;
  chunkDelayMs: number;
  failure: Failure | undefined;
}

export class FailureQueue {
  private entries: { failure: MockFailure; remaining: number }[] = [];

  enqueue(failures: readonly MockFailure[]): void {
    for (const failure of failures) this.entries.push({ failure, remaining: Math.max(1, Math.floor(failure.count ?? 1)) });
  }

  clear(): void {
    this.entries = [];
  }

  /** What is still scripted, with the counts left. */
  pending(): MockFailure[] {
    return this.entries.map((e) => ({ ...e.failure, count: e.remaining }));
  }

  take(): MockFailure | undefined {
    const head = this.entries[0];
    if (head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.entries.shift();
    return head.failure;
  }
}

export function planRequest(req: IncomingMessage, queue: FailureQueue, options: ResolvedOptions): Plan {
  const latencyHeader = numberHeader(req, 'x-mock-latency-ms');
  const chunkDelayMs = numberHeader(req, 'x-mock-chunk-delay-ms') ?? options.chunkDelayMs;
  const fromHeaders = headerFailure(req);
  if (fromHeaders !== undefined) return { latencyMs: latencyHeader ?? options.latencyMs, chunkDelayMs, failure: fromHeaders };

  const scripted = queue.take();
  if (scripted !== undefined) {
    return {
      latencyMs: latencyHeader ?? scripted.latencyMs ?? options.latencyMs,
      chunkDelayMs,
      failure: toFailure(scripted),
    };
  }
  const rate = numberHeader(req, 'x-mock-fail-rate') ?? options.failRate;
  const failure: Failure | undefined = rate > 0 && options.random() < rate
    ? { kind: 'status', status: options.failStatus, retryAfter: undefined, message: undefined }
    : undefined;
  return { latencyMs: latencyHeader ?? options.latencyMs, chunkDelayMs, failure };
}

function headerFailure(req: IncomingMessage): Failure | undefined {
  const fail = header(req, 'x-mock-fail')?.toLowerCase();
  if (fail === 'reset' || fail === 'mid-stream') return { kind: fail };
  const status = numberHeader(req, 'x-mock-status');
  if (status === undefined || status < 100 || status > 599) return undefined;
  return { kind: 'status', status, retryAfter: numberHeader(req, 'x-mock-retry-after'), message: undefined };
}

/** A scripted entry without a status or `fail` only delays (and answers normally). */
function toFailure(f: MockFailure): Failure | undefined {
  if (f.fail === 'reset' || f.fail === 'mid-stream') return { kind: f.fail };
  if (f.status === undefined) return undefined;
  return { kind: 'status', status: f.status, retryAfter: f.retryAfter, message: f.message };
}

function numberHeader(req: IncomingMessage, name: string): number | undefined {
  const raw = header(req, name);
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
