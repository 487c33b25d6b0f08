import { describe, expect, it } from 'vitest';
import { PROBE, probeHarness } from '../probe.ts';

describe('set-variable', () => {
  it('stores a literal as a string, in every section', async () => {
    const h = probeHarness(
      `<policies><inbound><set-variable name="count" value="42" />${PROBE}</inbound><outbound><set-variable name="later" value="yes" />${PROBE}</outbound></policies>`,
    );
    const { snapshots } = await h.send();
    expect(snapshots[0]!.variables.get('count')).toEqual({ value: '42', type: 'string' });
    expect(snapshots[1]!.section).toBe('outbound');
    expect(snapshots[1]!.variables.get('later')).toEqual({ value: 'yes', type: 'string' });
  });

  it('a later set-variable of the same name replaces the value', async () => {
    const h = probeHarness(`<policies><inbound><set-variable name="v" value="1" /><set-variable name="v" value="2" />${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send();
    expect(snapshots[0]!.variables.get('v')!.value).toBe('2');
  });
});
