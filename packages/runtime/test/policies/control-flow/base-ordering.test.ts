import { describe, expect, it } from 'vitest';
import { PROBE, probeHarness } from '../probe.ts';

const mark = (value: string) => `<set-header name="x-order" exists-action="append"><value>${value}</value></set-header>`;

describe('<base/> ordering across scopes', () => {
  // The documented API-scope inbound is <cross-domain /><base /><find-and-replace from="xyz" to="abc" />;
  // a marking set-header stands in for cross-domain, and the global policy G writes "xyz" into the body.
  const global = `<policies><inbound>${mark('G')}<set-body>xyz</set-body></inbound></policies>`;

  it('T43 base ordering: api policy, then the global policy G at <base/>, then find-and-replace', async () => {
    const h = probeHarness({
      global,
      api: `<policies><inbound>${mark('cross-domain')}<base /><find-and-replace from="xyz" to="abc" />${PROBE}</inbound></policies>`,
    });
    const { snapshots } = await h.send({ method: 'POST', body: 'original' });
    expect(snapshots[0]!.headers['x-order']).toEqual(['cross-domain,G']);
    // find-and-replace ran after G's set-body.
    expect(snapshots[0]!.body).toBe('abc');
  });

  it('T43 base ordering: without <base/> the global policy G does not run', async () => {
    const h = probeHarness({
      global,
      api: `<policies><inbound>${mark('cross-domain')}<find-and-replace from="xyz" to="abc" />${PROBE}</inbound></policies>`,
    });
    const { snapshots } = await h.send({ method: 'POST', body: 'original xyz' });
    expect(snapshots[0]!.headers['x-order']).toEqual(['cross-domain']);
    expect(snapshots[0]!.body).toBe('original abc');
  });

  it('four scopes run global → product → api → operation where each writes <base/> first', async () => {
    const scope = (name: string) => `<policies><inbound><base />${mark(name)}</inbound></policies>`;
    const h = probeHarness({
      global: `<policies><inbound>${mark('global')}</inbound></policies>`,
      product: scope('product'),
      api: scope('api'),
      operation: `<policies><inbound><base />${mark('operation')}${PROBE}</inbound></policies>`,
    });
    const { snapshots } = await h.send();
    expect(snapshots[0]!.headers['x-order']).toEqual(['global,product,api,operation']);
  });
});
