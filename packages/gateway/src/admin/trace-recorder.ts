// The traces of recent requests, kept in a ring for /apimx/traces: what matched, what the policies left behind
// (variables, trace messages, LastError), where the request was sent and how it ended.
import type { PolicyRun, RequestContext } from '@apimx/runtime';

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

export class TraceRecorder {
  private readonly ring: RequestTrace[] = [];
  private next = 0;

  constructor(readonly capacity = 100) {}

  record(trace: RequestTrace): void {
    if (this.capacity === 0) return;
    if (this.ring.length < this.capacity) this.ring.push(trace);
    else this.ring[this.next] = trace;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Newest first. */
  recent(limit = this.capacity): RequestTrace[] {
    const ordered = this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.reverse().slice(0, limit);
  }

  find(requestId: string): RequestTrace | undefined {
    return this.ring.find((trace) => trace.requestId === requestId);
  }
}

/** context.Variables as text (strings as they are, anything else as JSON). */
export function variablesOf(context: RequestContext): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of context.Variables.entries()) out[name] = typeof value === 'string' ? value : safeJson(value);
  return out;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
