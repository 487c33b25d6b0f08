import { describe, expect, it } from 'vitest';
import type { OperationInfo } from '../../../src/context/entities.ts';
import { PROBE, probeHarness } from '../probe.ts';

const operation = (UrlTemplate: string): OperationInfo => ({ Id: 'op', Method: 'GET', Name: 'op', UrlTemplate });
const inbound = (policies: string) => `<policies><inbound>${policies}${PROBE}</inbound></policies>`;

describe('rewrite-uri', () => {
  const identity = (template: string, url: string, matched: Record<string, string>) => ({
    operation: operation(template),
    serviceUrl: 'https://backend.example/base',
    backendUrl: url,
    matchedParameters: new Map(Object.entries(matched)),
  });

  it('T28 rewrite-uri: /get?a=b&c=d on operation /get?a={b} with template /put → /put?c=d', async () => {
    const h = probeHarness(inbound('<rewrite-uri template="/put" />'));
    const { snapshots } = await h.send({}, identity('/get?a={b}', 'https://backend.example/base/get?a=b&c=d', { b: 'b' }));
    expect(snapshots[0]!.url).toBe('https://backend.example/base/put?c=d');
  });

  it('T28 rewrite-uri: copy-unmatched-params="false" → /put', async () => {
    const h = probeHarness(inbound('<rewrite-uri template="/put" copy-unmatched-params="false" />'));
    const { snapshots } = await h.send({}, identity('/get?a={b}', 'https://backend.example/base/get?a=b&c=d', { b: 'b' }));
    expect(snapshots[0]!.url).toBe('https://backend.example/base/put');
  });

  it('T28 rewrite-uri: template parameters are filled from the matched parameters, query included', async () => {
    const h = probeHarness(inbound('<rewrite-uri template="/v2/US/hardware/{storenumber}&amp;{ordernumber}?City=city&amp;State=state" />'));
    const { snapshots } = await h.send(
      {},
      identity('/{storenumber}/{ordernumber}', 'https://backend.example/base/123/456', { storenumber: '123', ordernumber: '456' }),
    );
    expect(snapshots[0]!.path).toBe('/base/v2/US/hardware/123&456');
    expect(snapshots[0]!.query).toEqual({ City: ['city'], State: ['state'] });
  });

  it('a template query value may name a parameter; copied parameters follow the template ones', async () => {
    const h = probeHarness(inbound('<rewrite-uri template="/items?id={id}" />'));
    const { snapshots } = await h.send({}, identity('/items/{id}', 'https://backend.example/base/items/7?x=1', { id: '7' }));
    expect(snapshots[0]!.url).toBe('https://backend.example/base/items?id=7&x=1');
  });
});
