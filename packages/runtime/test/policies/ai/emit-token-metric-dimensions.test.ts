// llm-emit-token-metric hands the sinks the previous request's dimensions object when nothing changed; each
// request must still be recorded with its own values, through the OpenTelemetry sink and the ledger too.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { GatewayMetrics } from '../../../src/metrics/gateway-metrics.ts';
import { MemoryMetricsSink } from '../../../src/metrics/sink.ts';
import { gateway, START, type Gateway } from './support.ts';
import { parsePrometheus } from '../../metrics/prometheus-text.ts';

const open: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((close) => close()));
});

const POLICY = '<llm-emit-token-metric namespace="openai"><dimension name="User" value="@(context.Request.IpAddress)" /><dimension name="Region" value="eu" /></llm-emit-token-metric>';

describe('llm-emit-token-metric dimensions across requests', () => {
  it('records each request with its own values when they alternate and repeat', async () => {
    const clock = new ManualClock(START);
    const memory = new MemoryMetricsSink();
    const metrics = new GatewayMetrics({ prometheus: true }, { clock, extraSinks: [memory] });
    open.push(() => metrics.shutdown());
    const g: Gateway = await gateway({ inbound: POLICY }, { clock, services: { ...memoryServices(clock), metrics: metrics.sink } });
    open.push(() => g.close());
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.1', '10.0.0.1']) await g.send({ clientIp: ip });
    const totals = memory.records.filter((r) => r.name === 'Total Tokens');
    expect(totals.map((r) => r.dimensions['User'])).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.2', '10.0.0.1', '10.0.0.1']);
    expect(totals.every((r) => r.dimensions['Region'] === 'eu' && Object.keys(r.dimensions).length === 2)).toBe(true);
    // The upstream reports 20 + 30 per response.
    const series = parsePrometheus(await metrics.scrape());
    expect(series.get('openai_total_tokens_total{user="10.0.0.1",region="eu"}')).toBe(150);
    expect(series.get('openai_total_tokens_total{user="10.0.0.2",region="eu"}')).toBe(100);
    const report = metrics.usage(new URLSearchParams('groupBy=User'));
    expect(report.rows.map((r) => [r.group['User'], r.total, r.requests])).toEqual([['10.0.0.1', 150, 3], ['10.0.0.2', 100, 2]]);
    // A repeated set is one object, which no sink can change.
    expect(totals[2]!.dimensions).toBe(totals[1]!.dimensions);
    expect(Object.isFrozen(totals[2]!.dimensions)).toBe(true);
  });
});
