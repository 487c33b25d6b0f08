// The embedded CounterStore: plain maps, synchronous, so every operation is atomic on Node's single thread.
// Entries expire lazily on access and in an amortised sweep, so idle keys do not accumulate. Operations take `now`
// from the caller's clock, so the store itself needs none.

import type { BucketResult, CounterStore, CountMode, SlidingResult, WindowResult } from './counter-store.ts';

/** A sliding log: times and amounts, oldest first from `head`. */
interface SlidingState {
  times: number[];
  amounts: number[];
  head: number;
  used: number;
  windowMs: number;
}

interface WindowState {
  start: number;
  end: number;
  count: number;
}

interface BucketState {
  tokens: number;
  at: number;
  capacity: number;
  refillPerMs: number;
}

/**
 * Entries falling in the same slot of this fraction of the window are merged (keeping the later time, so a merged
 * entry never expires early, at most one slot late). Bounds a log to about 1/fraction entries per key.
 */
const MERGE_FRACTION = 1 / 1000;

export class MemoryCounterStore implements CounterStore {
  private readonly sliding = new Map<string, SlidingState>();
  private readonly windows = new Map<string, WindowState>();
  private readonly buckets = new Map<string, BucketState>();
  private opsSinceSweep = 0;
  private lastNow = 0;

  slidingAdd(key: string, now: number, windowMs: number, amount: number, limit: number, mode: CountMode): SlidingResult {
    this.tick(now);
    let state = this.sliding.get(key);
    if (!state) {
      state = { times: [], amounts: [], head: 0, used: 0, windowMs };
      this.sliding.set(key, state);
    }
    state.windowMs = windowMs;
    expireSliding(state, now);
    const fits = state.used + amount <= limit;
    if (mode === 'record' || (mode === 'consume' && fits)) {
      if (amount !== 0) addSliding(state, now, amount);
    }
    return { used: state.used, fits, retryAfterMs: fits ? 0 : slidingRetryAfter(state, now, amount, limit) };
  }

  windowAdd(key: string, start: number, end: number, amount: number, limit: number, mode: CountMode): WindowResult {
    this.tick(start);
    let state = this.windows.get(key);
    if (!state || state.start !== start) {
      state = { start, end, count: 0 };
      this.windows.set(key, state);
    }
    const fits = state.count + amount <= limit;
    if (mode === 'record' || (mode === 'consume' && fits)) state.count += amount;
    return { count: state.count, fits };
  }

  bucketTake(key: string, now: number, capacity: number, refillPerMs: number, amount: number, mode: CountMode): BucketResult {
    this.tick(now);
    let state = this.buckets.get(key);
    if (!state) {
      state = { tokens: capacity, at: now, capacity, refillPerMs };
      this.buckets.set(key, state);
    } else if (now > state.at) {
      state.tokens = Math.min(capacity, state.tokens + (now - state.at) * refillPerMs);
      state.at = now;
    }
    state.capacity = capacity;
    state.refillPerMs = refillPerMs;
    if (state.tokens > capacity) state.tokens = capacity;
    const fits = amount <= state.tokens;
    if (mode === 'record' || (mode === 'consume' && fits)) state.tokens = Math.min(capacity, state.tokens - amount);
    return { tokens: state.tokens, fits };
  }

  /** Number of live keys across all counter kinds (for tests and diagnostics). */
  get size(): number {
    return this.sliding.size + this.windows.size + this.buckets.size;
  }

  /** Drop every entry that no longer affects any answer as of `now`. */
  sweep(now: number): void {
    for (const [key, state] of this.sliding) {
      expireSliding(state, now);
      if (state.used === 0 && state.head >= state.times.length) this.sliding.delete(key);
    }
    for (const [key, state] of this.windows) if (state.end <= now) this.windows.delete(key);
    for (const [key, state] of this.buckets) {
      if (state.tokens + (now - state.at) * state.refillPerMs >= state.capacity) this.buckets.delete(key);
    }
  }

  // Sweep once the number of operations since the last sweep reaches the number of keys: amortised O(1).
  private tick(now: number): void {
    if (now > this.lastNow) this.lastNow = now;
    if (++this.opsSinceSweep < 1024 || this.opsSinceSweep < this.size) return;
    this.opsSinceSweep = 0;
    this.sweep(this.lastNow);
  }
}

function expireSliding(state: SlidingState, now: number): void {
  const { times, amounts } = state;
  let head = state.head;
  const cutoff = now - state.windowMs;
  while (head < times.length && times[head]! <= cutoff) {
    state.used -= amounts[head]!;
    head++;
  }
  if (head === times.length) {
    times.length = 0;
    amounts.length = 0;
    head = 0;
    state.used = 0; // no float drift once the log is empty
  } else if (head > 64 && head * 2 > times.length) {
    times.splice(0, head);
    amounts.splice(0, head);
    head = 0;
  }
  state.head = head;
}

function addSliding(state: SlidingState, now: number, amount: number): void {
  const last = state.times.length - 1;
  const slot = state.windowMs * MERGE_FRACTION;
  if (last >= state.head && Math.floor(now / slot) === Math.floor(state.times[last]! / slot)) {
    state.times[last] = now;
    state.amounts[last]! += amount;
  } else {
    state.times.push(now);
    state.amounts.push(amount);
  }
  state.used += amount;
}

/** Time until the oldest entries expire enough for `amount` to fit. */
function slidingRetryAfter(state: SlidingState, now: number, amount: number, limit: number): number {
  if (amount > limit) return state.windowMs;
  let excess = state.used + amount - limit;
  for (let i = state.head; i < state.times.length; i++) {
    excess -= state.amounts[i]!;
    if (excess <= 0) return state.times[i]! + state.windowMs - now;
  }
  return state.windowMs;
}
