// VectorStore in Redis, shared by every apimx instance pointed at the same Redis and key prefix. Redis keeps the
// entries (vector-scripts.ts); since the Debian redis-server has no vector search, each instance keeps a copy of
// the vectors of the partitions it searches and brings it up to date with one script call per lookup, which
// returns only what was added since the copy's last entry, at most a page of it. A partition this instance has
// not copied yet (or one far behind) is copied a page per call in the background, while lookups search what is
// there already (a miss meanwhile: a cache may miss, a request must not wait for megabytes of vectors).
// The search runs locally (VectorPartition), and the winner's value is read from Redis, so an entry that
// expired or was evicted there meanwhile is never served.
// Expiry follows the caller's clock (like RedisCacheStore); Redis removes a partition's keys itself once its
// longest-living entry is past its TTL. Vectors travel as base64 of little-endian float32 (every platform Node
// runs on). Unreachable Redis: a miss and a no-op, as for the cache (a cache can only make a request faster).

import { createHash, randomUUID } from 'node:crypto';
import type { Clock } from '../../clock.ts';
import { systemClock } from '../../clock.ts';
import type { CacheValue } from '../cache-store.ts';
import { unitVector } from '../vector-math.ts';
import { VectorPartition } from '../vector-partition.ts';
import type { VectorMatch, VectorStore } from '../vector-store.ts';
import { decodeCacheEntry, encodeCacheEntry } from './cache-codec.ts';
import type { RedisConnection } from './redis-connection.ts';
import { addScript, syncScript } from './vector-scripts.ts';

interface PartitionKeys {
  meta: string;
  log: string;
  exp: string;
  vec: string;
  val: string;
}

/** This instance's copy of one partition: the entries' vectors (value: the seq of the add that wrote them). */
interface Copy {
  epoch: string;
  seq: number;
  entries: VectorPartition<number>;
  /** The background copy of the pages still missing, while it runs. */
  catchingUp: Promise<void> | null;
}

/** Tries at reading a winner's value before giving up (each failure drops an entry Redis no longer has). */
const VALUE_ATTEMPTS = 3;
/** Entries per sync call: ~1 MB of 1536-dimension vectors, well within a command timeout. */
const PAGE = 128;

export class RedisVectorStore implements VectorStore {
  private readonly copies = new Map<string, Copy>();
  /** One sync call at a time per partition: concurrent lookups share its answer. */
  private readonly syncing = new Map<string, Promise<Copy | undefined>>();

  constructor(
    private readonly connection: RedisConnection,
    private readonly keyPrefix: string,
    private readonly clock: Clock = systemClock,
  ) {}

  nearest(partition: string, vector: Float32Array, maxDistance: number): Promise<VectorMatch | undefined> {
    return this.connection.guard(
      'cache',
      async () => {
        const query = unitVector(vector);
        if (!query) return undefined;
        const keys = this.keys(partition);
        const copy = await this.sync(partition, keys);
        if (!copy) return undefined;
        for (let attempt = 0; attempt < VALUE_ATTEMPTS; attempt++) {
          const now = this.clock.now();
          const found = copy.entries.nearest(query, maxDistance, now);
          if (!found) return undefined;
          const text = await this.connection.send(['HGET', keys.val, found.entry.key]);
          const stored = typeof text === 'string' ? decodeCacheEntry(text) : undefined;
          if (stored && stored.expiresAt > now) return { value: stored.value, distance: found.distance };
          copy.entries.remove(found.entry);
        }
        return undefined;
      },
      () => undefined,
      true,
    );
  }

  add(partition: string, key: string, vector: Float32Array, value: CacheValue, ttlSeconds: number): Promise<void> {
    return this.connection.guard(
      'cache',
      async () => {
        const unit = unitVector(vector);
        if (!(ttlSeconds > 0) || !unit) return;
        const now = this.clock.now();
        const expiresAt = now + ttlSeconds * 1000;
        const ttlMs = Math.max(1, Math.ceil(ttlSeconds * 1000));
        const k = this.keys(partition);
        await addScript.run(
          this.connection.send,
          [k.meta, k.log, k.exp, k.vec, k.val],
          [key, toBase64(unit), encodeCacheEntry(value, expiresAt), String(expiresAt), String(ttlMs), String(now), randomUUID()],
        );
      },
      () => undefined,
      true,
    );
  }

  /** Partitions this instance holds a copy of (tests, diagnostics). */
  get copiedPartitions(): number {
    return this.copies.size;
  }

  /** Resolves when no partition is being copied in the background (tests, benchmarks). */
  async settled(): Promise<void> {
    for (const copy of this.copies.values()) if (copy.catchingUp) await copy.catchingUp;
  }

  /** The partition's copy, brought up to date by one page (the rest, if any, in the background). */
  private sync(partition: string, keys: PartitionKeys): Promise<Copy | undefined> {
    const known = this.copies.get(partition);
    if (known?.catchingUp) return Promise.resolve(known); // being copied: search what is there
    let pending = this.syncing.get(partition);
    if (pending === undefined) {
      pending = this.syncOnce(partition, keys, known).finally(() => this.syncing.delete(partition));
      this.syncing.set(partition, pending);
    }
    return pending;
  }

  private async syncOnce(partition: string, keys: PartitionKeys, known: Copy | undefined): Promise<Copy | undefined> {
    const copy = await this.fetchPage(partition, keys, known);
    if (copy?.more) {
      const running = this.catchUp(partition, keys, copy.copy);
      copy.copy.catchingUp = running;
      void running.finally(() => (copy.copy.catchingUp = null));
    }
    return copy?.copy;
  }

  private async catchUp(partition: string, keys: PartitionKeys, copy: Copy): Promise<void> {
    try {
      for (let page = await this.fetchPage(partition, keys, copy); page?.more && page.copy === copy; page = await this.fetchPage(partition, keys, copy));
    } catch {
      // Redis went away or timed out: the next lookup carries on from the copy's last seq.
    }
  }

  private async fetchPage(partition: string, keys: PartitionKeys, known: Copy | undefined): Promise<{ copy: Copy; more: boolean } | undefined> {
    const reply = await syncScript.run(this.connection.send, [keys.meta, keys.log, keys.vec], [known?.epoch ?? '', String(known?.seq ?? 0), String(PAGE)]);
    if (!Array.isArray(reply) || typeof reply[0] !== 'string') {
      this.copies.delete(partition); // the partition expired, or never existed
      return undefined;
    }
    const epoch = reply[0];
    // Another epoch: the partition was made anew and the reply starts it from its first entry.
    let copy = known;
    if (!copy || copy.epoch !== epoch) {
      copy = { epoch, seq: 0, entries: new VectorPartition<number>(), catchingUp: null };
      this.copies.set(partition, copy);
    }
    const now = this.clock.now();
    for (let i = 3; i + 1 < reply.length; i += 2) {
      const key = String(reply[i]);
      const [expiresText, seqText, encoded] = String(reply[i + 1]).split(' ');
      const expiresAt = Number(expiresText);
      const seq = Number(seqText);
      if (!(expiresAt > now) || encoded === undefined) continue;
      // Replies of concurrent lookups may arrive out of order: never replace an entry with an older version.
      const current = copy.entries.get(key);
      if (current && current.value >= seq) continue;
      copy.entries.put(key, fromBase64(encoded), seq, expiresAt);
    }
    copy.seq = Math.max(copy.seq, Number(reply[1]));
    return { copy, more: reply[2] === 1 };
  }

  private keys(partition: string): PartitionKeys {
    // Hashed: vary-by values are arbitrary text. The braces are a hash tag (one cluster slot for the partition).
    const base = `${this.keyPrefix}vec:{${createHash('sha1').update(partition).digest('hex')}}:`;
    return { meta: `${base}meta`, log: `${base}log`, exp: `${base}exp`, vec: `${base}vec`, val: `${base}val` };
  }
}

function toBase64(vector: Float32Array): string {
  return Buffer.from(vector.buffer, vector.byteOffset, vector.byteLength).toString('base64');
}

function fromBase64(text: string): Float32Array {
  const bytes = Buffer.from(text, 'base64');
  const vector = new Float32Array(bytes.byteLength >>> 2);
  new Uint8Array(vector.buffer).set(bytes.subarray(0, vector.byteLength));
  return vector;
}
