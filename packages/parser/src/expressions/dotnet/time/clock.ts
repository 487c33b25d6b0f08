// The wall clock that DateTime.UtcNow/Now/Today and DateTimeOffset.UtcNow/Now read.
// Until the compiler passes a clock in the evaluation context, this module-level hook is the single source
// of "now", so tests (and the runtime's injected clock) can fix the time.

/** Milliseconds since the Unix epoch, like Date.now(). */
export type Clock = () => number;

let clock: Clock = () => Date.now();

/** Install the clock; returns the previous one so callers can restore it. */
export function setClock(next: Clock): Clock {
  const previous = clock;
  clock = next;
  return previous;
}

/** The current time in Unix milliseconds, from the installed clock. */
export function getNow(): number {
  return clock();
}
