// Retry-After is whole seconds, rounded up, and at least 1 (a 429 telling the caller to retry in 0 s invites a storm).

export function retryAfterSeconds(ms: number): number {
  if (!(ms > 0)) return 1;
  return Math.max(1, Math.ceil(ms / 1000));
}

/** A request needs room for at least one unit, so "limit reached" blocks even a zero-cost request. */
export function atLeastOne(amount: number): number {
  return amount > 1 ? amount : 1;
}
