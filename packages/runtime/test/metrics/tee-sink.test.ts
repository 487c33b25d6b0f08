import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { memoryServices } from '../../src/memory-services.ts';
import { OtelMetricsSink } from '../../src/metrics/otel-sink.ts';
import { MemoryMetricsSink } from '../../src/metrics/sink.ts';
import type { MetricsSink } from '../../src/metrics/sink.ts';
import { TeeMetricsSink } from '../../src/metrics/tee-sink.ts';
import { recordTokenUsage } from '../../src/metrics/token-usage.ts';
import { UsageLedger } from '../../src/metrics/usage-ledger.ts';
import { harness } from '../support/run-policy.ts';
import { parsePrometheus } from './prometheus-text.ts';

const otels: OtelMetricsSink[] = [];
afterEach(async () => {
  await Promise.all(otels.splice(0).map((s) => s.shutdown()));
});

describe('TeeMetricsSink', () => {
  it('fans every record out to each sink, and a failing sink neither stops the others nor throws', () => {
    const first = new MemoryMetricsSink();
    const second = new MemoryMetricsSink();
    const broken: MetricsSink = {
      record() {
        throw new Error('exporter down');
      },
    };
    const errors: unknown[] = [];
    const tee = new TeeMetricsSink([first, broken], (error) => errors.push(error));
    tee.add(second);
    recordTokenUsage(tee, { dimensions: { 'API ID': 'a' }, prompt: 1, completion: 2, timestamp: 5 });
    expect(first.records.map((r) => [r.name, r.value])).toEqual([
      ['Total Tokens', 3],
      ['Prompt Tokens', 1],
      ['Completion Tokens', 2],
    ]);
    expect(second.records).toEqual(first.records);
    expect(errors).toHaveLength(3);
    expect(String(errors[0])).toContain('exporter down');
  });

  it('carries emit-metric from real policy XML to Prometheus, the memory sink and the ledger', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const otel = new OtelMetricsSink({ prometheus: { withoutTargetInfo: true } });
    otels.push(otel);
    const memory = new MemoryMetricsSink();
    const ledger = new UsageLedger({ clock });
    const services = { ...memoryServices(clock), metrics: new TeeMetricsSink([otel, memory, ledger]) };
    const h = harness(
      '<policies><inbound><emit-metric name="Total Tokens" value="@(40 + 2)" namespace="openai"><dimension name="Client IP" value="@(context.Request.IpAddress)" /><dimension name="Gateway ID" /></emit-metric></inbound></policies>',
      { services, clock },
    );
    await h.send({ clientIp: '10.0.0.9' });
    await h.send({ clientIp: '10.0.0.9' });
    const series = parsePrometheus(await otel.scrape());
    expect(series.get('openai_total_tokens_total{client_ip="10.0.0.9",gateway_id="managed"}')).toBe(84);
    expect(memory.records).toHaveLength(2);
    expect(ledger.summarize({ groupBy: ['Client IP'] })).toEqual([
      { group: { 'Client IP': '10.0.0.9' }, requests: 2, prompt: 0, completion: 0, total: 84, cached: 0, reasoning: 0 },
    ]);
  });
});
