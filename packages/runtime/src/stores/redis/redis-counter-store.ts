// CounterStore in Redis, shared by every apimx instance pointed at the same Redis and key prefix. Each operation is
// one Lua script (counter-scripts.ts), hence atomic across instances. Time is the caller's `now`, not Redis TIME, so
// tests drive it with a ManualClock; the consequence is that instances must keep their clocks synchronised (NTP):
// a skew of s ms shifts windows and refills by s ms between instances.

import type { BucketResult, CounterStore, CountMode, SlidingResult, WindowResult } from '../counter-store.ts';
import { bucketScript, slidingScript, windowScript } from './counter-scripts.ts';
import type { RedisConnection } from './redis-connection.ts';

export class RedisCounterStore implements CounterStore {
  constructor(
    private readonly connection: RedisConnection,
    /** Prepended to every key, e.g. 'apimx:'; instances that share limits use the same one. */
    private readonly keyPrefix: string,
  ) {}

  slidingAdd(key: string, now: number, windowMs: number, amount: number, limit: number, mode: CountMode): Promise<SlidingResult> {
    const base = `${this.keyPrefix}sliding:${key}`;
    return this.connection.guard(
      'counters',
      async () => {
        const [used, fits, retry] = reply(await slidingScript.run(this.connection.send, [`${base}:log`, `${base}:sum`], [num(now), num(windowMs), num(amount), num(limit), mode]));
        return { used: Number(used), fits: fits === 1, retryAfterMs: Number(retry) };
      },
      () => ({ used: 0, fits: true, retryAfterMs: 0 }),
    );
  }

  windowAdd(key: string, start: number, end: number, amount: number, limit: number, mode: CountMode): Promise<WindowResult> {
    return this.connection.guard(
      'counters',
      async () => {
        const [count, fits] = reply(await windowScript.run(this.connection.send, [`${this.keyPrefix}window:${key}`], [num(start), num(end), num(amount), num(limit), mode]));
        return { count: Number(count), fits: fits === 1 };
      },
      () => ({ count: 0, fits: true }),
    );
  }

  bucketTake(key: string, now: number, capacity: number, refillPerMs: number, amount: number, mode: CountMode): Promise<BucketResult> {
    return this.connection.guard(
      'counters',
      async () => {
        const [tokens, fits] = reply(await bucketScript.run(this.connection.send, [`${this.keyPrefix}bucket:${key}`], [num(now), num(capacity), num(refillPerMs), num(amount), mode]));
        return { tokens: Number(tokens), fits: fits === 1 };
      },
      () => ({ tokens: capacity, fits: true }),
    );
  }
}

/** Numbers as Lua reads them: String() round-trips doubles exactly; infinities become the largest double. */
function num(value: number): string {
  return Number.isFinite(value) ? String(value) : value > 0 ? '1e308' : '-1e308';
}

function reply(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new Error(`unexpected reply from a counter script: ${JSON.stringify(value)}`);
  return value;
}
