// Two gateway instances in one process, sharing one Redis through `stores: { type: redis }`: a rate-limit-by-key
// admits at most `calls` requests across both. Redis is REDIS_URL (default redis://127.0.0.1:6379).
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';

const API_POLICY = policies({
  inbound: '<base /><rate-limit-by-key calls="5" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault(&quot;x-app&quot;, &quot;anon&quot;))" />',
  backend: '<forward-request />',
});

function config(upstream: string, stores: string): string {
  return `
apis:
  echo: { path: echo, serviceUrl: "${upstream}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }
stores: ${stores}
`;
}

describe('stores shared through Redis', () => {
  let upstream: Upstream | undefined;
  const gateways: RunningGateway[] = [];

  afterEach(async () => {
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close({ timeoutMs: 1000 })));
    await upstream?.close();
  });

  async function startTwo(stores: string): Promise<[RunningGateway, RunningGateway]> {
    upstream = await startUpstream((req, res) => {
      req.resume();
      res.end('ok');
    });
    const dir = writeFixture({ 'apimx.yaml': config(upstream.url, stores), 'api.xml': API_POLICY });
    for (let i = 0; i < 2; i++) gateways.push(await startGateway({ config: `${dir}/apimx.yaml`, port: 0, env: { REDIS_URL } }));
    return [gateways[0]!, gateways[1]!];
  }

  async function status(gateway: RunningGateway, app: string): Promise<number> {
    const res = await fetch(`${gateway.url}/echo/`, { headers: { 'x-app': app } });
    await res.text();
    return res.status;
  }

  it('admits at most `calls` requests across two instances', async () => {
    const [a, b] = await startTwo(`{ type: redis, keyPrefix: "apimx-test-${randomUUID()}:" }`);
    // 20 concurrent requests, alternating instances, on one counter key.
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => status(i % 2 === 0 ? a : b, 'shared-app')));
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // Another key has its own count, on either instance.
    expect(await status(b, 'other-app')).toBe(200);
    const health = (await (await fetch(`${a.url}/apimx/health`)).json()) as { stores: Record<string, unknown> };
    expect(health.stores).toMatchObject({ type: 'redis', onUnavailable: 'open', available: true });
  });

  it('each instance counts alone with memory stores (the contrast)', async () => {
    const [a, b] = await startTwo('{ type: memory }');
    const statuses = await Promise.all(Array.from({ length: 20 }, (_, i) => status(i % 2 === 0 ? a : b, 'shared-app')));
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
  });

  it('fails open or closed as configured when Redis cannot be reached, without hanging', async () => {
    // Nothing listens on port 1: the stores report unavailable at once.
    const [open] = await startTwo('{ type: redis, url: "redis://127.0.0.1:1", onUnavailable: open, connectTimeoutMs: 200 }');
    expect(await status(open, 'app')).toBe(200);
    const health = (await (await fetch(`${open.url}/apimx/health`)).json()) as { stores: Record<string, unknown> };
    expect(health.stores).toEqual({ type: 'redis', url: 'redis://127.0.0.1:1', keyPrefix: 'apimx:', onUnavailable: 'open', available: false });
    await Promise.all(gateways.splice(0).map((gateway) => gateway.close({ timeoutMs: 1000 })));
    await upstream?.close();
    const [closed] = await startTwo('{ type: redis, url: "redis://127.0.0.1:1", onUnavailable: closed, connectTimeoutMs: 200 }');
    const started = Date.now();
    // The runtime's StoreUnavailable fault: 503, a temporary condition.
    expect(await status(closed, 'app')).toBe(503);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
