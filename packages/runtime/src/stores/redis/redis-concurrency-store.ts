// ConcurrencyStore in Redis for limit-concurrency across instances. Each acquire takes a lease that expires after
// `leaseMs` on the caller's clock; while the request runs, this instance renews its leases every leaseMs / 3, so
// a long (streaming) request keeps its slot, and the slots of an instance that crashed are free again within
// leaseMs. The interface releases by key, not by lease: release gives back one of this instance's leases for the
// key, which leaves the count right.
// Unreachable Redis: acquire follows onUnavailable (true when open, StoreUnavailableError when closed); release
// never throws (the lease expires by itself), so finishing a request never fails on Redis.

import { randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { ConcurrencyStore } from '../concurrency-store.ts';
import { acquireScript, renewScript } from './concurrency-scripts.ts';
import type { RedisConnection } from './redis-connection.ts';

export interface RedisConcurrencyOptions {
  clock?: Clock;
  /** How long a slot survives without renewal. Default 30 s. */
  leaseMs?: number;
  /** Renew held leases on a timer (default true); tests turn it off and call renew() with a ManualClock. */
  autoRenew?: boolean;
}

export class RedisConcurrencyStore implements ConcurrencyStore {
  private readonly clock: Clock;
  private readonly leaseMs: number;
  /** Leases this instance holds, per (prefixed) key. */
  private readonly held = new Map<string, string[]>();
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: RedisConnection,
    private readonly keyPrefix: string,
    options: RedisConcurrencyOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.leaseMs = options.leaseMs ?? 30_000;
    if (options.autoRenew ?? true) {
      this.timer = setInterval(() => void this.renew().catch(() => undefined), Math.max(1, Math.floor(this.leaseMs / 3)));
      this.timer.unref(); // renewal alone never keeps the process alive
    }
  }

  acquire(key: string, max: number): Promise<boolean> {
    const redisKey = this.key(key);
    const lease = randomUUID();
    return this.connection.guard(
      'concurrency',
      async () => {
        const now = this.clock.now();
        const taken = await acquireScript.run(this.connection.send, [redisKey], [String(now), String(max), lease, String(now + this.leaseMs), String(this.leaseMs + 1000)]);
        if (taken !== 1) return false;
        const leases = this.held.get(redisKey);
        if (leases) leases.push(lease);
        else this.held.set(redisKey, [lease]);
        return true;
      },
      () => true,
    );
  }

  async release(key: string): Promise<void> {
    const redisKey = this.key(key);
    const leases = this.held.get(redisKey);
    const lease = leases?.pop();
    if (leases?.length === 0) this.held.delete(redisKey);
    if (lease === undefined) return; // admitted while Redis was down: nothing was counted
    await this.connection.guard('concurrency', () => this.connection.send(['ZREM', redisKey, lease]), () => undefined, true);
  }

  /** Extend every lease this instance holds to now + leaseMs. */
  async renew(): Promise<void> {
    const expiry = String(this.clock.now() + this.leaseMs);
    const ttl = String(this.leaseMs + 1000);
    await Promise.all(
      [...this.held].map(([redisKey, leases]) =>
        this.connection.guard('concurrency', () => renewScript.run(this.connection.send, [redisKey], [expiry, ttl, ...leases]), () => undefined, true),
      ),
    );
  }

  /** Leases this instance holds for `key` (for tests and diagnostics). */
  heldBy(key: string): number {
    return this.held.get(this.key(key))?.length ?? 0;
  }

  /** Stop renewing. Leases still held expire in Redis after leaseMs. */
  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private key(key: string): string {
    return `${this.keyPrefix}concurrency:${key}`;
  }
}
