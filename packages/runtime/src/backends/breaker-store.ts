// Where circuit breaker state lives, per backend id. An interface so several gateway instances could share it
// later; in APIM breakers are per gateway instance anyway (spec §4.3: "approximate"). Synchronous: the
// in-memory store is the only one, and selection runs on every request.

export interface BreakerState {
  /** Times (epoch ms) of failures still inside the rule's interval, oldest first. */
  readonly failures: readonly number[];
  /** Times of successful calls inside the interval; kept only for a percentage rule. */
  readonly successes: readonly number[];
  /** Epoch ms until which the breaker is open; null when closed. */
  readonly openUntil: number | null;
  /** Times the breaker has tripped since start. */
  readonly trips: number;
  /** Why it last tripped, for the admin view and traces. */
  readonly lastTrip: { at: number; cause: string } | null;
}

export const CLOSED: BreakerState = { failures: [], successes: [], openUntil: null, trips: 0, lastTrip: null };

export interface BreakerStore {
  get(backendId: string): BreakerState | undefined;
  set(backendId: string, state: BreakerState): void;
  entries(): Iterable<[string, BreakerState]>;
}

export class MemoryBreakerStore implements BreakerStore {
  private readonly states = new Map<string, BreakerState>();

  get(backendId: string): BreakerState | undefined {
    return this.states.get(backendId);
  }

  set(backendId: string, state: BreakerState): void {
    this.states.set(backendId, state);
  }

  entries(): Iterable<[string, BreakerState]> {
    return this.states.entries();
  }
}
