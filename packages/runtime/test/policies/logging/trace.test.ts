import { describe, expect, it } from 'vitest';
import type { RequestContext } from '../../../src/context/request-context.ts';
import { PROBE, probeHarness } from '../probe.ts';

describe('trace', () => {
  it('T45 trace: records source, severity, message and metadata in the request trace', async () => {
    const seen: RequestContext['traces'][] = [];
    const h = probeHarness(
      `<policies><inbound><trace source="PetStore API" severity="verbose"><message>connection 42</message><metadata name="Operation Name" value="New-Order"/></trace>${PROBE}</inbound></policies>`,
      { onProbe: (ctx) => seen.push([...ctx.traces]) },
    );
    await h.send();
    expect(seen[0]).toEqual([{ source: 'PetStore API', severity: 'verbose', message: 'connection 42', metadata: { 'Operation Name': 'New-Order' } }]);
  });

  it('severity defaults to verbose; several traces keep their order', async () => {
    const seen: RequestContext['traces'][] = [];
    const h = probeHarness(
      `<policies><inbound><trace source="a"><message>one</message></trace><trace source="b" severity="error"><message>two</message></trace>${PROBE}</inbound></policies>`,
      { onProbe: (ctx) => seen.push([...ctx.traces]) },
    );
    await h.send();
    expect(seen[0]!.map((t) => [t.source, t.severity, t.message])).toEqual([
      ['a', 'verbose', 'one'],
      ['b', 'error', 'two'],
    ]);
  });
});
