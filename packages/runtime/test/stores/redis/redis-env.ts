// Where the Redis tests find their server, and a unique key prefix per run so runs never see each other's keys.
// With REDIS_URL set (CI) the tests always run and fail when Redis does not answer; without it they try the
// default local server and are skipped only when nothing answers there.

import { randomUUID } from 'node:crypto';
import { createConnection } from 'node:net';
import { createClient } from 'redis';

export const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export const redisRequired = process.env.REDIS_URL !== undefined;

export const redisAnswers: boolean = redisRequired || (await probe(redisUrl));

/** A fresh key prefix for one test file's run. */
export function runPrefix(label: string): string {
  return `apimx-test:${label}:${process.pid}:${randomUUID().slice(0, 8)}:`;
}

/** Keys under `prefix`, found with SCAN (for expiry checks and clean-up). */
export async function keysUnder(prefix: string): Promise<string[]> {
  const client = await createClient({ url: redisUrl }).connect();
  try {
    const keys: string[] = [];
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) keys.push(...batch);
    return keys;
  } finally {
    client.destroy();
  }
}

/** Run a raw command on a separate client (test inspection: PTTL, SCRIPT FLUSH...). */
export async function redisCommand(args: string[]): Promise<unknown> {
  const client = await createClient({ url: redisUrl }).connect();
  try {
    return await client.sendCommand(args);
  } finally {
    client.destroy();
  }
}

export async function deleteKeysUnder(prefix: string): Promise<void> {
  const keys = await keysUnder(prefix);
  for (let i = 0; i < keys.length; i += 500) await redisCommand(['DEL', ...keys.slice(i, i + 500)]);
}

function probe(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = createConnection({ host: hostname, port: Number(port || 6379) });
    socket.setTimeout(500);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
