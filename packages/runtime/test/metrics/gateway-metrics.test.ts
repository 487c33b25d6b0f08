import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { GatewayMetrics } from '../../src/metrics/gateway-metrics.ts';
import { MemoryMetricsSink } from '../../src/metrics/sink.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { UsageQueryError } from '../../src/metrics/usage-query.ts';
import { MetricsConfigError, readMetricsConfig } from '../../src/metrics/read-config.ts';
import { parsePrometheus } from './prometheus-text.ts';

const NOW = Date.UTC(2026, 10, 2, 12, 0, 0);
const created: GatewayMetrics[] = [];
function metrics(...args: ConstructorParameters<typeof GatewayMetrics>): GatewayMetrics {
  const gm = new GatewayMetrics(...args);
  created.push(gm);
  return gm;
}
afterEach(async () => {
  await Promise.all(created.splice(0).map((gm) => gm.shutdown()));
});

describe('GatewayMetrics', () => {
  it('by default feeds Prometheus text and the usage summary from one sink', async () => {
    const clock = new ManualClock(NOW);
    const extra = new MemoryMetricsSink();
    const gm = metrics(undefined, { clock, extraSinks: [extra] });
    recordTokenUsage(gm.sink, { namespace: 'openai', dimensions: { 'Subscription ID': 's1' }, prompt: 5, completion: 6, timestamp: NOW });
    expect(gm.prometheusEnabled).toBe(true);
    expect(parsePrometheus(await gm.scrape()).get('openai_total_tokens_total{subscription_id="s1"}')).toBe(11);
    expect(gm.usage(new URLSearchParams('groupBy=Subscription ID&last=1h')).rows).toEqual([
      { group: { 'Subscription ID': 's1' }, requests: 1, prompt: 5, completion: 6, total: 11, cached: 0, reasoning: 0 },
    ]);
    expect(extra.records).toHaveLength(3);
    expect(() => gm.usage(new URLSearchParams('last=soon'))).toThrow(UsageQueryError);
  });

  it('without exporters has no OpenTelemetry sink and refuses to scrape; usage can be turned off', async () => {
    const gm = metrics({ usage: false });
    expect(gm.otel).toBeUndefined();
    expect(gm.ledger).toBeUndefined();
    expect(gm.prometheusEnabled).toBe(false);
    gm.sink.record({ namespace: 'n', name: 'x', value: 1, dimensions: {}, timestamp: 0 });
    await expect(gm.scrape()).rejects.toThrow(/not configured/);
    expect(() => gm.usage(new URLSearchParams())).toThrow(/turned off/);
  });
});

describe('readMetricsConfig', () => {
  it('defaults to Prometheus and reads every setting', () => {
    expect(readMetricsConfig(undefined)).toEqual({ prometheus: true });
    expect(
      readMetricsConfig({
        serviceName: 'edge',
        cardinalityLimit: 500,
        prometheus: { port: 9464, withoutTargetInfo: true },
        otlp: { url: 'http://collector:4318/v1/metrics', headers: { authorization: 'Bearer t' }, intervalMs: 10_000, temporality: 'delta' },
        console: { intervalMs: 5000 },
        usage: { retentionDays: 7 },
      }),
    ).toEqual({
      serviceName: 'edge',
      cardinalityLimit: 500,
      prometheus: { port: 9464, withoutTargetInfo: true },
      otlp: { url: 'http://collector:4318/v1/metrics', headers: { authorization: 'Bearer t' }, intervalMs: 10_000, temporality: 'delta' },
      console: { intervalMs: 5000 },
      usage: { retentionDays: 7 },
    });
    expect(readMetricsConfig({ prometheus: false, console: true, usage: false })).toEqual({ prometheus: false, console: true, usage: false });
  });

  it('names the field that is wrong', () => {
    const fails = (value: unknown, message: RegExp) => {
      expect(() => readMetricsConfig(value)).toThrow(MetricsConfigError);
      expect(() => readMetricsConfig(value)).toThrow(message);
    };
    fails([], /^metrics must be an object/);
    fails({ prometheus: { port: 0 } }, /metrics\.prometheus\.port must be a port number/);
    fails({ otlp: { url: 'collector:4318' } }, /metrics\.otlp\.url must be an http\(s\) URL/);
    fails({ otlp: {} }, /metrics\.otlp\.url must be a non-empty string/);
    fails({ otlp: { url: 'http://c', temporality: 'sum' } }, /temporality must be "cumulative" or "delta"/);
    fails({ otlp: { url: 'http://c', headers: { a: 1 } } }, /metrics\.otlp\.headers\.a must be a non-empty string/);
    fails({ promethus: true }, /metrics\.promethus is not a known setting/);
    fails({ usage: { retentionDays: -1 } }, /metrics\.usage\.retentionDays must be a number above zero/);
  });
});
