import { describe, expect, it } from 'vitest';
import type { MemoryMetricsSink } from '../../../src/metrics/sink.ts';
import { harness } from '../../support/run-policy.ts';

const api = { Id: 'echo-api', Name: 'Echo', Path: 'echo', Protocols: ['https'], ServiceUrl: null, SubscriptionKeyParameterNames: { Header: 'h', Query: 'q' }, IsCurrentRevision: true, Revision: '1', Version: null };
const user = { Id: 'user-7', Email: 'u@example.com', FirstName: 'U', LastName: 'Ser', Note: null, RegistrationDate: 0, Groups: [], Identities: [] };

describe('emit-metric', () => {
  it('T44 emit-metric: one Request metric (value 1) per call with User ID, Client IP and API ID', async () => {
    const h = harness(
      '<policies><inbound><emit-metric name="Request" value="1" namespace="my-metrics"><dimension name="User ID" /><dimension name="Client IP" value="10.1.2.3" /><dimension name="API ID" /></emit-metric></inbound></policies>',
    );
    await h.send({}, { api, user });
    await h.send({}, { api, user });
    const sink = h.services.metrics as MemoryMetricsSink;
    expect(sink.records).toHaveLength(2);
    expect(sink.records[0]).toEqual({
      name: 'Request',
      namespace: 'my-metrics',
      value: 1,
      dimensions: { 'User ID': 'user-7', 'Client IP': '10.1.2.3', 'API ID': 'echo-api' },
      timestamp: h.clock.now(),
    });
  });

  it('namespace defaults to API Management and value to 1; default dimensions come from the context', async () => {
    const h = harness(
      '<policies><inbound><emit-metric name="Calls"><dimension name="location" /><dimension name="Gateway ID" /><dimension name="Product ID" /></emit-metric></inbound></policies>',
    );
    await h.send();
    const sink = h.services.metrics as MemoryMetricsSink;
    expect(sink.records[0]).toMatchObject({ namespace: 'API Management', value: 1, dimensions: { location: 'local', 'Gateway ID': 'managed', 'Product ID': '' } });
  });

  it('records a fractional value', async () => {
    const h = harness('<policies><inbound><emit-metric name="Cost" value="0.25"><dimension name="API ID" /></emit-metric></inbound></policies>');
    await h.send();
    expect((h.services.metrics as MemoryMetricsSink).records[0]!.value).toBe(0.25);
  });

  it('refuses at load a dimension without value whose name is not a default dimension', () => {
    expect(() => harness('<policies><inbound>\n<emit-metric name="m">\n  <dimension name="Client IP" />\n</emit-metric></inbound></policies>')).toThrow(
      'operation.xml:3:3: emit-metric dimension "Client IP" has no value and is not a default dimension',
    );
  });
});
