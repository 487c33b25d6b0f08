// The OpenTelemetry sink sums records itself and hands the sums to the SDK when a reader collects: what a reader
// sees must be exactly what adding every record to the SDK would have shown.
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { afterEach, describe, expect, it } from 'vitest';
import { OtelMetricsSink } from '../../src/metrics/otel-sink.ts';
import { PendingSums } from '../../src/metrics/pending-sums.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { parsePrometheus } from './prometheus-text.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function sink(): OtelMetricsSink {
  const created = new OtelMetricsSink({ prometheus: { withoutTargetInfo: true } });
  cleanups.push(() => created.shutdown());
  return created;
}

describe('OtelMetricsSink pending sums', () => {
  it('exports no series of its own flush instrument', async () => {
    const metrics = sink();
    recordTokenUsage(metrics, { namespace: 'openai', dimensions: { 'API ID': 'chat' }, prompt: 1, completion: 2, timestamp: 0 });
    const text = await metrics.scrape();
    expect(text).not.toMatch(/pending/);
    expect([...parsePrometheus(text).keys()].sort()).toEqual([
      'openai_completion_tokens_total{api_id="chat"}',
      'openai_prompt_tokens_total{api_id="chat"}',
      'openai_total_tokens_total{api_id="chat"}',
    ]);
  });

  it('sums fresh dimension objects with equal content, in any order, into one series', async () => {
    const metrics = sink();
    for (let i = 0; i < 50; i++) {
      const dimensions = i % 2 === 0 ? { 'API ID': 'chat', 'Subscription ID': 'a' } : { 'Subscription ID': 'a', 'API ID': 'chat' };
      recordTokenUsage(metrics, { namespace: 'openai', dimensions, prompt: 3, completion: 4, timestamp: 0 });
    }
    recordTokenUsage(metrics, { namespace: 'openai', dimensions: { 'API ID': 'chat', 'Subscription ID': 'b' }, prompt: 1, completion: 1, timestamp: 0 });
    const series = parsePrometheus(await metrics.scrape());
    expect(series.get('openai_total_tokens_total{api_id="chat",subscription_id="a"}')).toBe(350);
    expect(series.get('openai_prompt_tokens_total{api_id="chat",subscription_id="a"}')).toBe(150);
    expect(series.get('openai_total_tokens_total{api_id="chat",subscription_id="b"}')).toBe(2);
  });

  it('keeps counting across scrapes, and a scrape with nothing new changes nothing', async () => {
    const metrics = sink();
    const dimensions = { 'API ID': 'chat' };
    recordTokenUsage(metrics, { namespace: 'openai', dimensions, prompt: 10, completion: 0, timestamp: 0 });
    expect(parsePrometheus(await metrics.scrape()).get('openai_prompt_tokens_total{api_id="chat"}')).toBe(10);
    expect(parsePrometheus(await metrics.scrape()).get('openai_prompt_tokens_total{api_id="chat"}')).toBe(10);
    // The same dimensions object again, after a scrape: still the same series.
    recordTokenUsage(metrics, { namespace: 'openai', dimensions, prompt: 5, completion: 0, timestamp: 0 });
    expect(parsePrometheus(await metrics.scrape()).get('openai_prompt_tokens_total{api_id="chat"}')).toBe(15);
  });
});

describe('PendingSums', () => {
  function provider(): { counter: ReturnType<ReturnType<MeterProvider['getMeter']>['createCounter']>; scrape: () => Promise<Map<string, number>> } {
    const exporter = new PrometheusExporter({ preventServerStart: true, withoutScopeInfo: true, withoutTargetInfo: true });
    const meters = new MeterProvider({ readers: [exporter] });
    cleanups.push(() => meters.shutdown());
    const serializer = new PrometheusSerializer(undefined, false, undefined, true, true);
    return {
      counter: meters.getMeter('t').createCounter('tokens'),
      scrape: async () => parsePrometheus(serializer.serialize((await exporter.collect()).resourceMetrics)),
    };
  }

  it('past its limit, hands every held sum over at once and bumps its generation', async () => {
    const { counter, scrape } = provider();
    const sums = new PendingSums(2);
    const a = sums.create('a', { user: 'a' });
    sums.add(a, counter, 1);
    sums.add(sums.create('b', { user: 'b' }), counter, 2);
    expect(sums.generation).toBe(0);
    sums.add(sums.create('c', { user: 'c' }), counter, 3);
    expect(sums.generation).toBe(1);
    expect(sums.get('a')).toBeUndefined();
    // Handed over already, before any flush: a and b are in the SDK, c is still held.
    expect(await scrape()).toEqual(new Map([['tokens_total{user="a"}', 1], ['tokens_total{user="b"}', 2]]));
    sums.flush();
    expect((await scrape()).get('tokens_total{user="c"}')).toBe(3);
  });

  it('hands a recorded zero over (it creates the series) and nothing for a series not recorded since', async () => {
    const { counter, scrape } = provider();
    const sums = new PendingSums();
    const set = sums.create('z', { user: 'z' });
    sums.add(set, counter, 0);
    sums.flush();
    expect((await scrape()).get('tokens_total{user="z"}')).toBe(0);
    sums.flush();
    sums.add(set, counter, 4);
    sums.flush();
    sums.flush();
    expect((await scrape()).get('tokens_total{user="z"}')).toBe(4);
  });
});
