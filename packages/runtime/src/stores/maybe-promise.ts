// Store operations return a plain value when they can (the in-memory path: no promise, no microtask)
// and a promise when they must (Redis). Callers chain with `then` below to keep the fast path synchronous.

export type MaybePromise<T> = T | Promise<T>;

export function then<T, U>(value: MaybePromise<T>, next: (value: T) => MaybePromise<U>): MaybePromise<U> {
  return value instanceof Promise ? value.then(next) : next(value);
}
