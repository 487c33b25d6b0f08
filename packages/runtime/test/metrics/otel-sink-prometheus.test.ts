import { afterEach, describe, expect, it } from 'vitest';
import { OtelMetricsSink } from '../../src/metrics/otel-sink.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { parsePrometheus } from './prometheus-text.ts';

const sinks: OtelMetricsSink[] = [];
function sink(): OtelMetricsSink {
  const created = new OtelMetricsSink({ prometheus: { withoutTargetInfo: true } });
  sinks.push(created);
  return created;
}

afterEach(async () => {
  await Promise.all(sinks.splice(0).map((s) => s.shutdown()));
});

describe('OtelMetricsSink scraped as Prometheus text', () => {
  it('maps namespace "openai", "Total Tokens", "API ID" to openai_total_tokens_total{api_id=...}', async () => {
    const metrics = sink();
    const dimensions = { 'API ID': 'chat', 'Subscription ID': 'team-a' };
    recordTokenUsage(metrics, { namespace: 'openai', dimensions, prompt: 12, completion: 30, timestamp: 0 });
    recordTokenUsage(metrics, { namespace: 'openai', dimensions, prompt: 8, completion: 2, timestamp: 0 });
    const text = await metrics.scrape();
    expect(text).toContain('# TYPE openai_total_tokens_total counter');
    const series = parsePrometheus(text);
    expect(series.get('openai_total_tokens_total{api_id="chat",subscription_id="team-a"}')).toBe(52);
    expect(series.get('openai_prompt_tokens_total{api_id="chat",subscription_id="team-a"}')).toBe(20);
    expect(series.get('openai_completion_tokens_total{api_id="chat",subscription_id="team-a"}')).toBe(32);
    // Not reported: no cached/reasoning series at all.
    expect([...series.keys()].some((name) => name.startsWith('openai_cached'))).toBe(false);
  });

  it('keeps one series per distinct dimension set and records cached and reasoning tokens when reported', async () => {
    const metrics = sink();
    recordTokenUsage(metrics, { dimensions: { 'API ID': 'a' }, prompt: 5, completion: 5, cached: 0, reasoning: 4, timestamp: 0 });
    recordTokenUsage(metrics, { dimensions: { 'API ID': 'b' }, prompt: 100, completion: 1, cached: 64, timestamp: 0 });
    const series = parsePrometheus(await metrics.scrape());
    expect(series.get('api_management_total_tokens_total{api_id="a"}')).toBe(10);
    expect(series.get('api_management_total_tokens_total{api_id="b"}')).toBe(101);
    expect(series.get('api_management_cached_tokens_total{api_id="a"}')).toBe(0);
    expect(series.get('api_management_cached_tokens_total{api_id="b"}')).toBe(64);
    expect(series.get('api_management_reasoning_tokens_total{api_id="a"}')).toBe(4);
    expect(series.has('api_management_reasoning_tokens_total{api_id="b"}')).toBe(false);
  });

  it('sanitizes emit-metric names and dimensions, escapes label values, and merges names that sanitize alike', async () => {
    const metrics = sink();
    const record = (namespace: string, name: string, value: number, dimensions: Record<string, string>) =>
      metrics.record({ namespace, name, value, dimensions, timestamp: 0 });
    record('My-App.v2', 'Requests (per user)', 1.5, { 'User ID': 'u"1', '9 Lives': 'x' });
    record('my app v2', 'requests per user', 2, { 'User ID': 'u"1', '9 Lives': 'x' });
    record('API Management', 'Refunds', -3, {});
    const text = await metrics.scrape();
    const series = parsePrometheus(text);
    expect(series.get('my_app_v2_requests_per_user_total{user_id="u\\"1",d_9_lives="x"}')).toBe(3.5);
    expect(text.match(/# TYPE my_app_v2_requests_per_user_total/g)).toHaveLength(1);
    // Counters only go up: a negative value is not exported.
    expect(text).not.toContain('refunds');
  });

  it('scrapes cumulative totals across scrapes', async () => {
    const metrics = sink();
    metrics.record({ namespace: 'openai', name: 'Total Tokens', value: 10, dimensions: {}, timestamp: 0 });
    expect(parsePrometheus(await metrics.scrape()).get('openai_total_tokens_total')).toBe(10);
    metrics.record({ namespace: 'openai', name: 'Total Tokens', value: 7, dimensions: {}, timestamp: 0 });
    expect(parsePrometheus(await metrics.scrape()).get('openai_total_tokens_total')).toBe(17);
  });

  it('sums dimension sets beyond cardinalityLimit into the overflow series', async () => {
    const metrics = new OtelMetricsSink({ prometheus: { withoutTargetInfo: true }, cardinalityLimit: 3 });
    sinks.push(metrics);
    for (const user of ['u1', 'u2', 'u3', 'u4', 'u5']) {
      metrics.record({ namespace: 'openai', name: 'Total Tokens', value: 10, dimensions: { 'User ID': user }, timestamp: 0 });
    }
    const series = parsePrometheus(await metrics.scrape());
    expect(series.get('openai_total_tokens_total{user_id="u1"}')).toBe(10);
    expect(series.get('openai_total_tokens_total{user_id="u2"}')).toBe(10);
    expect(series.has('openai_total_tokens_total{user_id="u3"}')).toBe(false);
    expect(series.get('openai_total_tokens_total{otel_metric_overflow="true"}')).toBe(30);
  });

  it('refuses to scrape when Prometheus is not configured', async () => {
    const metrics = new OtelMetricsSink({});
    sinks.push(metrics);
    await expect(metrics.scrape()).rejects.toThrow(/Prometheus exporter is not configured/);
  });
});
