// Reload keeps the runtime's counters and a broken edit keeps the old configuration serving; a file change is
// picked up by the watcher; close() lets in-flight requests finish.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function config(upstream: string, extraHeader: string): string {
  return `
apis:
  echo: { path: echo, serviceUrl: "${upstream}", operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }
subscriptions:
  s1: { scope: /apis/echo, primaryKey: k1 }
policy: global.xml
# ${extraHeader}
`;
}

const API_POLICY = policies({ inbound: '<base /><rate-limit calls="2" renewal-period="60" />' });
const GLOBAL = (value: string): string =>
  policies({ backend: '<forward-request />', outbound: `<set-header name="x-version" exists-action="override"><value>${value}</value></set-header>` });

describe('gateway lifecycle', () => {
  let upstream: Upstream;
  let gateway: RunningGateway | undefined;
  let held: ServerResponse[] = [];

  afterEach(async () => {
    for (const res of held) res.end();
    held = [];
    await gateway?.close({ timeoutMs: 1000 });
    await upstream?.close();
  });

  async function setUp(hold = false): Promise<string> {
    upstream = await startUpstream((req, res) => {
      req.resume();
      if (hold) held.push(res);
      else res.end('ok');
    });
    const dir = writeFixture({ 'apimx.yaml': config(upstream.url, 'v1'), 'api.xml': API_POLICY, 'global.xml': GLOBAL('one') });
    return dir;
  }

  it('a reload keeps the rate-limit counters', async () => {
    const dir = await setUp();
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    const key = { 'Ocp-Apim-Subscription-Key': 'k1' };
    expect((await get(`${gateway.url}/echo/`, key)).status).toBe(200);
    expect((await get(`${gateway.url}/echo/`, key)).status).toBe(200);
    writeFileSync(`${dir}/global.xml`, GLOBAL('two'));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    const third = await get(`${gateway.url}/echo/`, key);
    expect(third.status).toBe(429);
    expect(gateway.model().config.file).toBe(`${dir}/apimx.yaml`);
  });

  it('a broken edit keeps the previous configuration serving and says why', async () => {
    const dir = await setUp();
    const log: string[] = [];
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, log: (line) => log.push(line) });
    writeFileSync(`${dir}/global.xml`, GLOBAL('@(context.Nope.Nothing)').replace('<outbound>', '<outbound><unknown-policy />'));
    const result = await gateway.reload();
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(new RegExp(`^${dir}/global.xml:\\d+:\\d+: `));
    expect(log.join('\n')).toContain('reload failed; still serving the previous configuration');
    const reply = await get(`${gateway.url}/echo/`, { 'Ocp-Apim-Subscription-Key': 'k1' });
    expect([reply.status, reply.headers['x-version']]).toEqual([200, 'one']);

    writeFileSync(`${dir}/apimx.yaml`, 'apis: [1, 2]\n');
    const bad = await gateway.reload();
    expect(!bad.ok && bad.error).toBe(`${dir}/apimx.yaml: $.apis: expected an object, found a list`);
    expect((await get(`${gateway.url}/echo/`, { 'Ocp-Apim-Subscription-Key': 'k1' })).status).toBe(200);
  });

  it('the watcher reloads when a policy file changes', async () => {
    const dir = await setUp();
    let reloaded!: () => void;
    const done = new Promise<void>((resolve) => (reloaded = resolve));
    gateway = await startGateway({
      config: `${dir}/apimx.yaml`,
      port: 0,
      watch: true,
      debounceMs: 20,
      log: (line) => line.startsWith('apimx: reloaded') && reloaded(),
    });
    writeFileSync(`${dir}/global.xml`, GLOBAL('two'));
    await done;
    const reply = await get(`${gateway.url}/echo/`, { 'Ocp-Apim-Subscription-Key': 'k1' });
    expect(reply.headers['x-version']).toBe('two');
  });

  it('close() waits for in-flight requests, which complete', async () => {
    const dir = await setUp(true);
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    const inFlight = get(`${gateway.url}/echo/`, { 'Ocp-Apim-Subscription-Key': 'k1' });
    while (held.length === 0) await new Promise((resolve) => setImmediate(resolve));
    let closed = false;
    const closing = gateway.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    expect(gateway.inFlight()).toBe(1);
    held.shift()!.end('late but complete');
    const reply = await inFlight;
    expect([reply.status, reply.body]).toEqual([200, 'late but complete']);
    await closing;
    expect(closed).toBe(true);
    gateway = undefined;
  });
});
