import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';

const doc = (inbound: string) => `<policies><inbound>${inbound}</inbound><backend /><outbound /><on-error /></policies>`;

describe('cache-lookup-value / cache-store-value / cache-remove-value', () => {
  it('T40 cache by key: the first request misses (variable unset) and stores; later requests get the value', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(
      doc(`<cache-lookup-value key="userprofile-42" variable-name="userprofile" />${PROBE}
           <cache-store-value key="userprofile-42" value="Ada Lovelace" duration="100000" />`),
      { policies },
    );
    await h.send();
    expect(seen[0]!.Variables.has('userprofile')).toBe(false);
    await h.send();
    expect(seen[1]!.Variables.get('userprofile')).toBe('Ada Lovelace');
    expect(seen[1]!.Variables.typeOf('userprofile')).toBe('string');
  });

  it('default-value is assigned on a miss', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(doc(`<cache-lookup-value key="absent" variable-name="v" default-value="fallback" />${PROBE}`), { policies });
    await h.send();
    expect(seen[0]!.Variables.get('v')).toBe('fallback');
  });

  it('values expire after duration seconds (injected clock)', async () => {
    const { policies, seen } = probePolicies();
    const store = harness(doc('<cache-store-value key="k" value="v1" duration="10" />'), { policies });
    const lookup = harness(doc(`<cache-lookup-value key="k" variable-name="v" />${PROBE}`), { policies, services: store.services, clock: store.clock });
    await store.send();
    store.clock.advance(9_999);
    await lookup.send();
    store.clock.advance(1);
    await lookup.send();
    expect(seen.map((ctx) => ctx.Variables.get('v'))).toEqual(['v1', undefined]);
  });

  it('cache-remove-value drops the value; the key space is shared across documents', async () => {
    const { policies, seen } = probePolicies();
    const store = harness(doc('<cache-store-value key="token" value="abc" duration="60" />'), { policies });
    const remove = harness(doc('<cache-remove-value key="token" />'), { policies, services: store.services });
    const lookup = harness(doc(`<cache-lookup-value key="token" variable-name="t" />${PROBE}`), { policies, services: store.services });
    await store.send();
    await lookup.send();
    await remove.send();
    await lookup.send();
    expect(seen.map((ctx) => ctx.Variables.has('t'))).toEqual([true, false]);
  });

  it('caching-type: internal, external and prefer-external name the same cache (apimx has one)', async () => {
    const { policies, seen } = probePolicies();
    const store = harness(doc('<cache-store-value key="k" value="stored as external" duration="60" caching-type="external" />'), { policies });
    const lookup = (type: string) =>
      harness(doc(`<cache-lookup-value key="k" variable-name="v" caching-type="${type}" />${PROBE}`), { policies, services: store.services });
    await store.send();
    for (const type of ['internal', 'external', 'prefer-external']) await lookup(type).send();
    expect(seen.map((ctx) => ctx.Variables.get('v'))).toEqual(['stored as external', 'stored as external', 'stored as external']);
    await harness(doc('<cache-remove-value key="k" caching-type="internal" />'), { policies, services: store.services }).send();
    await lookup('prefer-external').send();
    expect(seen[3]!.Variables.has('v')).toBe(false);
  });
});

