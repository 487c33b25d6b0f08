// The traces of recent requests, kept in a ring for /apimx/traces: what matched, what the policies left behind
// (variables, trace messages, LastError), where the request was sent and how it ended.
import type { VariableDictionary } from '@apimx/parser';
import type { PolicyRun, PolicyRunLog, RequestContext } from '@apimx/runtime';

export interface RequestTrace {
  requestId: string;
  /** ISO time the request arrived. */
  time: string;
  method: string;
  url: string;
  api: string | null;
  operation: string | null;
  product: string | null;
  subscription: string | null;
  status: number;
  /** Until the response head was written. */
  durationMs: number;
  /** The URL forward-request was aimed at and the backend entity, if one was chosen. */
  backend: { url: string; id: string | null } | null;
  variables: Record<string, string>;
  /** Each policy run in order: section, policy, path, duration, outcome, the variables it set. */
  policies: PolicyRun[];
  traces: { source: string; severity: string; message: string }[];
  lastError: RequestContext['LastError'];
}

/**
 * What a request leaves for its trace: references and numbers taken as the request ends, turned into a
 * RequestTrace only when someone reads the traces. Every request records one; few are ever read.
 */
export interface TraceSource extends Omit<RequestTrace, 'time' | 'variables' | 'policies'> {
  /** Epoch ms the request arrived. */
  receivedAt: number;
  variables: VariableDictionary;
  runLog: PolicyRunLog | null;
}

export class TraceRecorder {
  private readonly ring: TraceSource[] = [];
  private next = 0;

  constructor(readonly capacity = 100) {}

  record(trace: TraceSource): void {
    if (this.capacity === 0) return;
    if (this.ring.length < this.capacity) this.ring.push(trace);
    else this.ring[this.next] = trace;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  recent(limit = this.capacity): RequestTrace[] {
    const ordered = this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.reverse().slice(0, limit).map(traceOf);
  }

  find(requestId: string): RequestTrace | undefined {
    const found = this.ring.find((trace) => trace.requestId === requestId);
    return found === undefined ? undefined : traceOf(found);
  }
}

function traceOf(entry: TraceSource): RequestTrace {
  return {
    requestId: entry.requestId,
    time: new Date(entry.receivedAt).toISOString(),
    method: entry.method,
    url: entry.url,
    api: entry.api,
    operation: entry.operation,
    product: entry.product,
    subscription: entry.subscription,
    status: entry.status,
    durationMs: entry.durationMs,
    backend: entry.backend,
    variables: variablesOf(entry.variables),
    policies: entry.runLog?.runs() ?? [],
    traces: entry.traces,
    lastError: entry.lastError,
  };
}

/** context.Variables as text (strings as they are, anything else as JSON). */
export function variablesOf(variables: VariableDictionary): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of variables.entries()) out[name] = typeof value === 'string' ? value : safeJson(value);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
