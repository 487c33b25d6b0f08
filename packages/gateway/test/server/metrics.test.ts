// /apimx/metrics and /apimx/usage over a real socket, after real requests through emit-metric policies; the
// `metrics:` section's validation with JSON paths.
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import type { UsageReport } from '@apimx/runtime';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

// A client's tokens reported through emit-metric under the names the usage ledger sums (what the token-metric
// policy records), plus a plain custom metric.
const API_POLICY = policies({
  inbound: `<base />
    <emit-metric name="Requests Seen" namespace="apimx-test" value="1">
      <dimension name="API ID" />
      <dimension name="Client" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-client&quot;, &quot;none&quot;))" />
    </emit-metric>
    <emit-metric name="Total Tokens" namespace="openai" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-tokens&quot;, &quot;0&quot;))">
      <dimension name="API ID" />
      <dimension name="Client" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-client&quot;, &quot;none&quot;))" />
    </emit-metric>`,
  backend: '<forward-request />',
});

function config(upstream: string, metrics = ''): string {
  return `
apis:
  echo: { path: echo, serviceUrl: "${upstream}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }
${metrics}
`;
}

describe('gateway metrics', () => {
  let upstream: Upstream | undefined;
  let gateway: RunningGateway | undefined;

  afterEach(async () => {
    await gateway?.close({ timeoutMs: 1000 });
    await upstream?.close();
    gateway = undefined;
  });

  async function start(metrics = '', log?: (line: string) => void): Promise<RunningGateway> {
    upstream = await startUpstream((req, res) => {
      req.resume();
      res.end('ok');
    });
    const dir = writeFixture({ 'apimx.yaml': config(upstream.url, metrics), 'api.xml': API_POLICY });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, ...(log ? { log } : {}) });
    return gateway;
  }

  async function freePort(): Promise<{ port: number; release(): Promise<void> }> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { port: (server.address() as AddressInfo).port, release: () => new Promise((resolve) => server.close(() => resolve())) };
  }

  async function call(client: string, tokens: number): Promise<void> {
    const res = await fetch(`${gateway!.url}/echo/`, { headers: { 'x-client': client, 'x-tokens': String(tokens) } });
    expect(res.status).toBe(200);
    await res.text();
  }

  it('serves the Prometheus text with the dimension labels after requests', async () => {
    await start();
    await call('alpha', 10);
    await call('alpha', 5);
    await call('beta', 7);
    const res = await fetch(`${gateway!.url}/apimx/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^apimx_test_requests_seen_total\{api_id="echo",client="alpha"\} 2$/m);
    expect(text).toMatch(/^apimx_test_requests_seen_total\{api_id="echo",client="beta"\} 1$/m);
    expect(text).toMatch(/^openai_total_tokens_total\{api_id="echo",client="alpha"\} 15$/m);
  });

  it('summarizes usage by a dimension, filtered, and refuses a bad query with 400', async () => {
    await start();
    await call('alpha', 10);
    await call('alpha', 5);
    await call('beta', 7);
    const byClient = (await (await fetch(`${gateway!.url}/apimx/usage?groupBy=Client&last=1h`)).json()) as UsageReport;
    expect(byClient.groupBy).toEqual(['Client']);
    expect(byClient.rows.map((row) => [row.group['Client'], row.total, row.requests])).toEqual([
      ['alpha', 15, 2],
      ['beta', 7, 1],
    ]);
    expect(byClient.totals.total).toBe(22);
    const filtered = (await (await fetch(`${gateway!.url}/apimx/usage?filter=${encodeURIComponent('Client:beta')}`)).json()) as UsageReport;
    expect(filtered.totals).toMatchObject({ requests: 1, total: 7 });
    const bad = await fetch(`${gateway!.url}/apimx/usage?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/from/);
  });

  it('answers 404 when Prometheus and the usage ledger are turned off', async () => {
    await start('metrics: { prometheus: false, usage: false }');
    await call('alpha', 3);
    expect((await fetch(`${gateway!.url}/apimx/metrics`)).status).toBe(404);
    expect((await fetch(`${gateway!.url}/apimx/usage`)).status).toBe(404);
    expect(gateway!.metrics.prometheusEnabled).toBe(false);
  });

  it('counts across a reload', async () => {
    await start();
    await call('alpha', 4);
    expect(await gateway!.reload()).toMatchObject({ ok: true });
    await call('alpha', 6);
    const text = await (await fetch(`${gateway!.url}/apimx/metrics`)).text();
    expect(text).toMatch(/^openai_total_tokens_total\{api_id="echo",client="alpha"\} 10$/m);
  });

  it("runs the Prometheus exporter's own server when given a port, and fails the start when the port is taken", async () => {
    const held = await freePort();
    const dir = writeFixture({ 'apimx.yaml': config('http://127.0.0.1:9', `metrics: { prometheus: { port: ${held.port}, host: 127.0.0.1 } }`), 'api.xml': API_POLICY });
    const error = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues[0]!.path).toBe('$.metrics.prometheus.port');
    expect((error as ConfigError).message).toMatch(/EADDRINUSE/);
    await held.release();
    await start(`metrics: { prometheus: { port: ${held.port}, host: 127.0.0.1 } }`);
    await call('alpha', 9);
    const own = await fetch(`http://127.0.0.1:${held.port}/metrics`);
    expect(await own.text()).toMatch(/^openai_total_tokens_total\{api_id="echo",client="alpha"\} 9$/m);
    // The admin route serves the same text.
    expect(await (await fetch(`${gateway!.url}/apimx/metrics`)).text()).toMatch(/^openai_total_tokens_total\{api_id="echo",client="alpha"\} 9$/m);
  });

  it('says a restart is needed when a reload changes the metrics section', async () => {
    const lines: string[] = [];
    await start('', (line) => lines.push(line));
    const file = gateway!.model().config.file;
    writeFileSync(file, config(upstream!.url, 'metrics: { prometheus: true, usage: false }'));
    expect(await gateway!.reload()).toMatchObject({ ok: true });
    expect(lines).toContain('apimx: metrics changed; they take effect at the next start');
    // Still the metrics it started with: the ledger answers.
    expect((await fetch(`${gateway!.url}/apimx/usage`)).status).toBe(200);
  });

  it('fails the start on a bad metrics section, naming the JSON path', async () => {
    const dir = writeFixture({ 'apimx.yaml': config('http://127.0.0.1:9', 'metrics: { otlp: { url: "ftp://collector" } }'), 'api.xml': API_POLICY });
    const error = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues).toEqual([{ path: '$.metrics.otlp.url', message: 'must be an http(s) URL, not "ftp://collector"' }]);
  });
});
