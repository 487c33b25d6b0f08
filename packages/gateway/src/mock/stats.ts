// Counters a test can read (handle.stats or GET /__mock/stats) to check what reached the backend.

export interface MockStats {
  /** API requests (control requests under /__mock/ are not counted). */
  requests: number;
  /** Per route: chat.completions, completions, embeddings, responses, models, unknown. */
  byRoute: Record<string, number>;
  /** Per status sent (resets are not a status; see `resets`). */
  byStatus: Record<string, number>;
  streamed: number;
  resets: number;
  /** Delays applied before answering: how many, their sum and the last one. */
  latency: { applied: number; totalMs: number; lastMs: number };
  /** Usage reported in answers. */
  tokens: { prompt: number; completion: number };
}

export function createStats(): MockStats {
  return {
    requests: 0,
    byRoute: {},
    byStatus: {},
    streamed: 0,
    resets: 0,
    latency: { applied: 0, totalMs: 0, lastMs: 0 },
    tokens: { prompt: 0, completion: 0 },
  };
}

/** Clears in place, so references held by callers stay live. */
export function clearStats(stats: MockStats): void {
  Object.assign(stats, createStats());
}

export function bump(map: Record<string, number>, key: string | number): void {
  map[key] = (map[key] ?? 0) + 1;
}
