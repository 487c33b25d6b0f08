// Raised by a shared store that cannot reach its backend (Redis down, unreachable, or slower than the command
// timeout) when configured to fail closed. The policy layer maps it to 503; nothing else should catch it silently.

export class StoreUnavailableError extends Error {
  override readonly name = 'StoreUnavailableError';
  /** Which store gave up: 'counters', 'cache' or 'concurrency'. */
  readonly store: string;

  constructor(store: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`${store} store unavailable: ${reason}`, { cause });
    this.store = store;
  }
}

export function isStoreUnavailable(error: unknown): error is StoreUnavailableError {
  return error instanceof StoreUnavailableError;
}
