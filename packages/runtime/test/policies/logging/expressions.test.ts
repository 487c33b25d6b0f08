import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import type { RequestContext } from '../../../src/context/request-context.ts';
import { JsonLinesLoggerSink } from '../../../src/logging/sink.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import type { MemoryMetricsSink } from '../../../src/metrics/sink.ts';
import { harness } from '../../support/run-policy.ts';
import { expressionsReady } from '../expressions-ready.ts';
import { PROBE, probeHarness } from '../probe.ts';

describe.skipIf(!expressionsReady)('logging policies with policy expressions', () => {
  it('T44 emit-metric: Client IP from context.Request.IpAddress', async () => {
    const h = harness(
      '<policies><inbound><emit-metric name="Request" value="1" namespace="my-metrics"><dimension name="User ID" /><dimension name="Client IP" value="@(context.Request.IpAddress)" /><dimension name="API ID" /></emit-metric></inbound></policies>',
    );
    await h.send({ clientIp: '10.9.8.7' });
    expect((h.services.metrics as MemoryMetricsSink).records[0]!.dimensions).toEqual({ 'User ID': '', 'Client IP': '10.9.8.7', 'API ID': '' });
  });

  it('T45 trace: the message comes from a variable', async () => {
    const seen: RequestContext['traces'][] = [];
    const h = probeHarness(
      `<policies><inbound><set-variable name="clientConnectionID" value="conn-1" /><trace source="PetStore API" severity="verbose"><message>@((string)context.Variables["clientConnectionID"])</message><metadata name="Operation Name" value="New-Order"/></trace>${PROBE}</inbound></policies>`,
      { onProbe: (ctx) => seen.push([...ctx.traces]) },
    );
    await h.send();
    expect(seen[0]).toEqual([{ source: 'PetStore API', severity: 'verbose', message: 'conn-1', metadata: { 'Operation Name': 'New-Order' } }]);
  });

  it('T46 log-to-eventhub: one CSV line per inbound call', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const services = { ...memoryServices(clock), loggers: new JsonLinesLoggerSink(stream) };
    const h = harness(
      `<policies><inbound><log-to-eventhub logger-id ='contoso-logger'>@( string.Join(",", DateTime.UtcNow, context.Deployment.ServiceName, context.RequestId, context.Request.IpAddress, context.Operation.Name) )</log-to-eventhub></inbound></policies>`,
      { services, clock },
    );
    await h.send({ clientIp: '10.0.0.1' }, { operation: { Id: 'op', Method: 'GET', Name: 'getOrders', UrlTemplate: '/orders' } });
    const event = JSON.parse(lines[0]!) as { message: string };
    const fields = event.message.split(',');
    expect(fields).toHaveLength(5);
    expect(fields[1]).toBe('apimx');
    expect(fields[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(fields.slice(3)).toEqual(['10.0.0.1', 'getOrders']);
  });

  it('emit-metric: a dimension name from an expression without value must be a default dimension', async () => {
    const h = harness(
      '<policies><inbound><emit-metric name="m" value="@(2.5 * 2)"><dimension name="@("Gateway " + "ID")" /></emit-metric></inbound><on-error><set-header name="msg" exists-action="override"><value>@(context.LastError.Message)</value></set-header></on-error></policies>',
    );
    await h.send();
    expect((h.services.metrics as MemoryMetricsSink).records[0]).toMatchObject({ value: 5, dimensions: { 'Gateway ID': 'managed' } });
    const bad = harness('<policies><inbound><emit-metric name="m"><dimension name="@("Client IP")" /></emit-metric></inbound></policies>');
    expect((await bad.send()).status).toBe(500);
  });

  it('log-to-eventhub: partition-key from an expression', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) });
    const clock = new ManualClock(0);
    const services = { ...memoryServices(clock), loggers: new JsonLinesLoggerSink(stream) };
    const h = harness('<policies><inbound><log-to-eventhub logger-id="l" partition-key="@(context.Request.IpAddress)">@(context.Request.Method)</log-to-eventhub></inbound></policies>', { services, clock });
    await h.send({ method: 'DELETE', clientIp: '10.0.0.9' });
    expect(JSON.parse(lines[0]!)).toMatchObject({ partitionKey: '10.0.0.9', message: 'DELETE' });
  });
});
