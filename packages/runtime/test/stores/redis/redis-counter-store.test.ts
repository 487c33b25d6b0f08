// Redis-only properties of the counter store: keys expire at their horizon, scripts load on first use, and two
// instances (two clients) share one limit under 20 concurrent callers.

import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { CounterStore, CountMode } from '../../../src/stores/counter-store.ts';
import type { RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { createRedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { LuaScript } from '../../../src/stores/redis/lua-script.ts';
import { deleteKeysUnder, keysUnder, redisAnswers, redisCommand, redisUrl, runPrefix } from './redis-env.ts';

describe.runIf(redisAnswers)('RedisCounterStore', () => {
  const prefix = runPrefix('counters');
  const opened: RedisStores[] = [];
  let n = 0;
  const open = async (keyPrefix = `${prefix}${n++}:`): Promise<RedisStores> => {
    const stores = await createRedisStores({ url: redisUrl, keyPrefix, onUnavailable: 'closed', autoRenewLeases: false, commandTimeoutMs: 2000 });
    opened.push(stores);
    return stores;
  };
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  /** PTTL of every key under a prefix. */
  const ttls = async (keyPrefix: string): Promise<Map<string, number>> => {
    const result = new Map<string, number>();
    for (const key of await keysUnder(keyPrefix)) result.set(key.slice(keyPrefix.length), Number(await redisCommand(['PTTL', key])));
    return result;
  };

  it('gives every key it writes an expiry at its horizon', async () => {
    const keyPrefix = `${prefix}${n++}:`;
    const { counters } = await open(keyPrefix);
    const now = Date.now();
    await counters.slidingAdd('s', now, 60_000, 5, 100, 'consume');
    await counters.windowAdd('w', now - 10_000, now + 50_000, 5, 100, 'consume');
    await counters.bucketTake('b', now, 1000, 1000 / 60_000, 250, 'consume'); // 15 s from full again
    const found = await ttls(keyPrefix);
    expect([...found.keys()].sort()).toEqual(['bucket:b', 'sliding:s:log', 'sliding:s:sum', 'window:w']);
    for (const key of ['sliding:s:log', 'sliding:s:sum']) {
      expect(found.get(key)).toBeGreaterThan(59_000);
      expect(found.get(key)).toBeLessThanOrEqual(60_001);
    }
    expect(found.get('window:w')).toBeGreaterThan(59_000); // the window's length: never less than what is left of it
    expect(found.get('window:w')).toBeLessThanOrEqual(60_001);
    expect(found.get('bucket:b')).toBeGreaterThan(14_000);
    expect(found.get('bucket:b')).toBeLessThanOrEqual(15_001);
  });

  it('leaves no key behind for a peek, a full bucket, or a log whose entries all expired', async () => {
    const keyPrefix = `${prefix}${n++}:`;
    const { counters } = await open(keyPrefix);
    await counters.slidingAdd('s', 0, 1000, 0, 10, 'peek');
    await counters.windowAdd('w', 0, 1000, 1, 10, 'peek');
    await counters.bucketTake('b', 0, 10, 0.01, 1, 'peek');
    expect(await keysUnder(keyPrefix)).toEqual([]);
    await counters.bucketTake('b', 0, 10, 0.01, 5, 'consume');
    await counters.slidingAdd('s', 0, 1000, 3, 10, 'consume');
    expect((await keysUnder(keyPrefix)).length).toBe(3);
    expect(await counters.bucketTake('b', 500, 10, 0.01, 0, 'peek')).toEqual({ tokens: 10, fits: true }); // refilled: deleted
    expect(await counters.slidingAdd('s', 1000, 1000, 0, 10, 'peek')).toMatchObject({ used: 0 }); // expired: deleted
    expect(await keysUnder(keyPrefix)).toEqual([]);
  });

  it('a peek adds nothing, but a bucket that is not full gets its refill written back (README); a window peek only reads', async () => {
    const keyPrefix = `${prefix}${n++}:`;
    const { counters } = await open(keyPrefix);
    await counters.bucketTake('b', 0, 10, 0.01, 8, 'consume');
    expect(await redisCommand(['HMGET', `${keyPrefix}bucket:b`, 't', 'a'])).toEqual(['2', '0']);
    // 100 ms later at 0.01/ms: 3 tokens; the peek of 5 does not fit, takes nothing, and stores the refill.
    expect(await counters.bucketTake('b', 100, 10, 0.01, 5, 'peek')).toEqual({ tokens: 3, fits: false });
    expect(await redisCommand(['HMGET', `${keyPrefix}bucket:b`, 't', 'a'])).toEqual(['3', '100']);
    await counters.windowAdd('w', 0, 1000, 4, 10, 'consume');
    const before = await redisCommand(['HGETALL', `${keyPrefix}window:w`]);
    expect(await counters.windowAdd('w', 0, 1000, 7, 10, 'peek')).toEqual({ count: 4, fits: false });
    expect(await redisCommand(['HGETALL', `${keyPrefix}window:w`])).toEqual(before);
  });

  it('runs a script by EVALSHA, loading it with EVAL only when Redis does not know it', async () => {
    // A script no Redis has seen (SCRIPT FLUSH would disturb everyone else sharing this server).
    const script = new LuaScript(`-- ${randomUUID()}\nreturn ARGV[1] .. KEYS[1]`);
    const { connection } = await open();
    const sent: string[] = [];
    const send = (args: string[]) => {
      sent.push(args[0]!);
      return connection.send(args);
    };
    expect(await redisCommand(['SCRIPT', 'EXISTS', script.sha])).toEqual([0]);
    expect(await script.run(send, ['k'], ['v'])).toBe('vk');
    expect(sent).toEqual(['EVALSHA', 'EVAL']);
    expect(await redisCommand(['SCRIPT', 'EXISTS', script.sha])).toEqual([1]);
    expect(await script.run(send, ['k2'], ['w'])).toBe('wk2');
    expect(sent).toEqual(['EVALSHA', 'EVAL', 'EVALSHA']);
    // A script error is a bug, not an outage: it surfaces as it is, even when failing closed.
    const broken = new LuaScript(`-- ${randomUUID()}\nreturn redis.call('NOSUCHCOMMAND')`);
    await expect(broken.run(connection.send, [], [])).rejects.toThrow(/Unknown Redis command|unknown command/i);
  });

  describe('two instances, 20 concurrent callers on one key', () => {
    const LIMIT = 1000;
    const callers = Array.from({ length: 20 }, (_, i) => 90 + i * 7); // 90..223 each, 3130 in all
    const biggest = Math.max(...callers);

    interface Kind {
      name: string;
      /** Runs one caller's step; returns how much was there before it (as the store saw it atomically) and fits. */
      step(store: CounterStore, amount: number, mode: CountMode): Promise<{ before: number; fits: boolean; after: number }>;
    }
    const now = 1_700_000_000_000;
    const kinds: Kind[] = [
      {
        name: 'token bucket',
        async step(store, amount, mode) {
          const r = await store.bucketTake('tpm', now, LIMIT, LIMIT / 60_000, amount, mode);
          const added = mode === 'record' || r.fits ? amount : 0;
          return { before: LIMIT - (r.tokens + added), fits: r.fits, after: LIMIT - r.tokens };
        },
      },
      {
        name: 'sliding window',
        async step(store, amount, mode) {
          const r = await store.slidingAdd('tpm', now, 60_000, amount, LIMIT, mode);
          const added = mode === 'record' || r.fits ? amount : 0;
          return { before: r.used - added, fits: r.fits, after: r.used };
        },
      },
      {
        name: 'fixed window',
        async step(store, amount, mode) {
          const r = await store.windowAdd('quota', now, now + 3_600_000, amount, LIMIT, mode);
          const added = mode === 'record' || r.fits ? amount : 0;
          return { before: r.count - added, fits: r.fits, after: r.count };
        },
      },
    ];

    /** Both instances, callers alternating between them, all started before any answer. */
    const burst = async (kind: Kind, mode: CountMode) => {
      const keyPrefix = `${prefix}${n++}:`;
      const [a, b] = [await open(keyPrefix), await open(keyPrefix)];
      const steps = await Promise.all(callers.map((amount, i) => kind.step((i % 2 ? a : b).counters, amount, mode).then((s) => ({ ...s, amount }))));
      const final = await kind.step(a.counters, 0, 'peek');
      return { steps, used: final.after };
    };

    for (const kind of kinds) {
      it(`${kind.name}, consume: the amount admitted never exceeds the limit`, async () => {
        const { steps, used } = await burst(kind, 'consume');
        const admitted = steps.filter((s) => s.fits).reduce((sum, s) => sum + s.amount, 0);
        expect(admitted).toBeLessThanOrEqual(LIMIT);
        expect(admitted).toBeGreaterThan(LIMIT - biggest); // and it does fill up: a refused caller did not fit
        expect(used).toBe(admitted); // no lost update: the store holds exactly what was admitted
      });

      it(`${kind.name}, record: admitted while under the limit, the overshoot is at most one request`, async () => {
        // The estimate-prompt-tokens="false" shape: a caller passes when the limit was not yet reached, and its
        // amount is recorded whatever the limit. Each caller's check and record are one atomic step here.
        const { steps, used } = await burst(kind, 'record');
        const admitted = steps.filter((s) => s.before < LIMIT);
        const admittedAmount = admitted.reduce((sum, s) => sum + s.amount, 0);
        expect(admittedAmount).toBeGreaterThanOrEqual(LIMIT);
        expect(admittedAmount - LIMIT).toBeLessThanOrEqual(biggest);
        expect(admittedAmount - LIMIT).toBeLessThan(Math.max(...admitted.map((s) => s.amount)));
        expect(used).toBe(callers.reduce((sum, amount) => sum + amount, 0)); // every record counted, none lost
        // The "before" values are a serial order: sorted, each is the previous plus its caller's amount.
        const order = [...steps].sort((x, y) => x.before - y.before);
        order.forEach((s, i) => expect(s.before).toBe(i === 0 ? 0 : order[i - 1]!.before + order[i - 1]!.amount));
      });
    }
  });
});
