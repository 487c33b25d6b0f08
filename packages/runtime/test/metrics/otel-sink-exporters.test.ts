import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OtelMetricsSink } from '../../src/metrics/otel-sink.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { parsePrometheus } from './prometheus-text.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function receiver(): Promise<{ url: string; received: Received[]; next: () => Promise<Received> }> {
  const received: Received[] = [];
  const waiting: ((post: Received) => void)[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const post = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(post);
      for (const wake of waiting.splice(0)) wake(post);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  const next = () => new Promise<Received>((resolve) => waiting.push(resolve));
  return { url: `http://127.0.0.1:${port}/v1/metrics`, received, next };
}

function track(sink: OtelMetricsSink): OtelMetricsSink {
  cleanups.push(() => sink.shutdown());
  return sink;
}

describe('OTLP over HTTP', () => {
  it('POSTs the token metrics with their attributes and the configured headers on force flush', async () => {
    const { url, received } = await receiver();
    const sink = track(new OtelMetricsSink({ otlp: { url, headers: { 'x-api-key': 'k1' }, intervalMs: 3_600_000 } }));
    recordTokenUsage(sink, { namespace: 'openai', dimensions: { 'API ID': 'chat' }, prompt: 3, completion: 4, timestamp: 0 });
    await sink.forceFlush();
    expect(received).toHaveLength(1);
    const post = received[0]!;
    expect(post.method).toBe('POST');
    expect(post.url).toBe('/v1/metrics');
    expect(post.headers['x-api-key']).toBe('k1');
    expect(post.headers['content-type']).toContain('application/json');
    const body = JSON.parse(post.body) as OtlpBody;
    const metrics = body.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
    const byName = new Map(metrics.map((m) => [m.name, m]));
    expect([...byName.keys()].sort()).toEqual(['openai_completion_tokens', 'openai_prompt_tokens', 'openai_total_tokens']);
    const point = byName.get('openai_total_tokens')!.sum!.dataPoints[0]!;
    expect(point.asInt ?? point.asDouble).toBe(7);
    expect(point.attributes).toEqual([{ key: 'api_id', value: { stringValue: 'chat' } }]);
    expect(body.resourceMetrics[0]!.resource.attributes).toContainEqual({ key: 'service.name', value: { stringValue: 'apimx' } });
  });

  it('pushes on its own at the configured interval', async () => {
    const { url, next } = await receiver();
    const sink = track(new OtelMetricsSink({ otlp: { url, intervalMs: 50 } }));
    sink.record({ namespace: 'ns', name: 'Hits', value: 1, dimensions: {}, timestamp: 0 });
    // The SDK's export timer cannot take an injected clock: wait for its POST (no flush is called here).
    const post = await next();
    expect(post.body).toContain('"ns_hits"');
  });
});

describe('OTLP with the collector down', () => {
  it('flushes and shuts down without throwing, within the configured timeout rather than the exporter default 10 s', async () => {
    const port = await freePort();
    const sink = new OtelMetricsSink({ otlp: { url: `http://127.0.0.1:${port}/v1/metrics`, intervalMs: 60_000, timeoutMs: 300 } });
    sink.record({ namespace: 'ns', name: 'Hits', value: 1, dimensions: {}, timestamp: 0 });
    const started = performance.now();
    await sink.forceFlush();
    await sink.shutdown();
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('console exporter', () => {
  it('writes one JSON line per data point', async () => {
    const lines: string[] = [];
    const sink = track(new OtelMetricsSink({ console: { intervalMs: 3_600_000, write: (line) => lines.push(line) } }));
    sink.record({ namespace: 'openai', name: 'Prompt Tokens', value: 9, dimensions: { 'User ID': 'u1' }, timestamp: 0 });
    sink.record({ namespace: 'openai', name: 'Prompt Tokens', value: 1, dimensions: { 'User ID': 'u2' }, timestamp: 0 });
    await sink.forceFlush();
    const parsed = lines.map((line) => JSON.parse(line) as { metric: string; attributes: Record<string, string>; value: number });
    expect(lines.every((line) => line.endsWith('\n'))).toBe(true);
    expect(parsed.map((p) => [p.metric, p.attributes, p.value])).toEqual([
      ['openai_prompt_tokens', { user_id: 'u1' }, 9],
      ['openai_prompt_tokens', { user_id: 'u2' }, 1],
    ]);
  });
});

describe('Prometheus exporter with its own server', () => {
  it('serves the same text on the configured port and endpoint', async () => {
    const port = await freePort();
    const sink = track(new OtelMetricsSink({ prometheus: { port, host: '127.0.0.1', endpoint: '/prom' } }));
    sink.record({ namespace: 'openai', name: 'Total Tokens', value: 42, dimensions: { 'API ID': 'x' }, timestamp: 0 });
    await sink.ready;
    const response = await fetch(`http://127.0.0.1:${port}/prom`);
    expect(response.status).toBe(200);
    expect(parsePrometheus(await response.text()).get('openai_total_tokens_total{api_id="x"}')).toBe(42);
  });

  it('rejects ready when the port is taken', async () => {
    const port = await freePort();
    const first = track(new OtelMetricsSink({ prometheus: { port, host: '127.0.0.1' } }));
    await first.ready;
    const second = new OtelMetricsSink({ prometheus: { port, host: '127.0.0.1' } });
    await expect(second.ready).rejects.toThrow(/EADDRINUSE/);
    await second.provider.shutdown().catch(() => {});
  });
});

interface OtlpBody {
  resourceMetrics: {
    resource: { attributes: unknown[] };
    scopeMetrics: {
      metrics: { name: string; sum?: { dataPoints: { asInt?: number; asDouble?: number; attributes: unknown[] }[] } }[];
    }[];
  }[];
}

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
