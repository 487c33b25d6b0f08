// A Redis counter store that fails closed and cannot be reached: limit policies answer 503, they do not hang,
// and the process goes on. Fail open (the default) lets the request through.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { memoryServices } from '../../src/memory-services.ts';
import { createRedisStores } from '../../src/stores/redis/index.ts';
import { harness } from '../support/run-policy.ts';

const POLICY = `<policies>
  <inbound><rate-limit-by-key calls="5" renewal-period="60" counter-key="@(context.Request.IpAddress)" /></inbound>
  <backend><return-response><set-status code="200" reason="OK" /></return-response></backend>
</policies>`;

// A port nothing listens on: taken and released at once.
let closedPort = 0;
beforeAll(async () => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const stores: { close(): Promise<void> }[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
});

async function withRedisDown(onUnavailable: 'open' | 'closed') {
  const clock = new ManualClock(Date.UTC(2026, 0, 1));
  const redis = await createRedisStores({
    url: `redis://127.0.0.1:${closedPort}`,
    onUnavailable,
    commandTimeoutMs: 100,
    initialConnectWaitMs: 50,
    clock,
    logger: { warn: () => {} },
  });
  stores.push(redis);
  return harness(POLICY, { clock, services: { ...memoryServices(clock), counters: redis.counters } });
}

describe('an unreachable shared counter store', () => {
  it('fails closed with 503 and APIM-shaped body when configured so', async () => {
    const h = await withRedisDown('closed');
    const response = await h.send();
    expect(response.status).toBe(503);
    expect(JSON.parse(response.text)).toMatchObject({ statusCode: 503 });
  });

  it('fails open by default: the request passes', async () => {
    const h = await withRedisDown('open');
    expect((await h.send()).status).toBe(200);
  });
});
