import { describe, expect, it } from 'vitest';
import { PROBE, probeHarness } from '../probe.ts';

const inbound = (policies: string) => `<policies><inbound>${policies}${PROBE}</inbound><backend /><outbound /><on-error /></policies>`;

describe('set-query-parameter', () => {
  it('T27 set-query-parameter: skip adds api-key only when it is absent', async () => {
    const h = probeHarness(inbound('<set-query-parameter name="api-key" exists-action="skip"><value>12345678901</value></set-query-parameter>'));
    const absent = await h.send({ url: 'https://apimx.local/api/op?x=1' });
    expect(absent.snapshots[0]!.url).toBe('https://apimx.local/api/op?x=1&api-key=12345678901');
    const present = await h.send({ url: 'https://apimx.local/api/op?api-key=mine' });
    expect(present.snapshots[0]!.query['api-key']).toEqual(['mine']);
  });

  it('T27 set-query-parameter: override replaces the value', async () => {
    const h = probeHarness(inbound('<set-query-parameter name="x-product-name" exists-action="override"><value>Starter</value></set-query-parameter>'));
    const { snapshots } = await h.send({ url: 'https://apimx.local/api/op?x-product-name=a&x-product-name=b' });
    expect(snapshots[0]!.query['x-product-name']).toEqual(['Starter']);
  });

  it('append adds values as repeated parameters; delete removes the parameter', async () => {
    const h = probeHarness(
      inbound(
        '<set-query-parameter name="tag" exists-action="append"><value>b</value><value>c d</value></set-query-parameter>' +
          '<set-query-parameter name="drop" exists-action="delete" />',
      ),
    );
    const { snapshots } = await h.send({ url: 'https://apimx.local/api/op?tag=a&drop=1' });
    expect(snapshots[0]!.query).toEqual({ tag: ['a', 'b', 'c d'] });
    expect(snapshots[0]!.url).toBe('https://apimx.local/api/op?tag=a&tag=b&tag=c%20d');
  });
});
