// Store operations return a plain value when they can (the in-memory path: no promise, no microtask)
// and a promise when they must (Redis). Callers chain with `andThen` below (not named `then`: a module exporting `then` is a thenable namespace) to keep the fast path synchronous.

export type MaybePromise<T> = T | Promise<T>;

export function andThen<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
