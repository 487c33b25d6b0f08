import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';

const mark = (value: string) => `<set-header name="x-branch" exists-action="append"><value>${value}</value></set-header>`;

describe('choose', () => {
  it('runs the first true <when> only', async () => {
    const h = probeHarness(
      `<policies><inbound><choose><when condition="false">${mark('one')}</when><when condition="true">${mark('two')}</when><when condition="true">${mark('three')}</when><otherwise>${mark('other')}</otherwise></choose>${PROBE}</inbound></policies>`,
    );
    const { snapshots } = await h.send();
    expect(snapshots[0]!.headers['x-branch']).toEqual(['two']);
  });

  it('runs <otherwise> when no condition is true, and nothing without one', async () => {
    const withOtherwise = probeHarness(
      `<policies><inbound><choose><when condition="false">${mark('one')}</when><otherwise>${mark('other')}</otherwise></choose>${PROBE}</inbound></policies>`,
    );
    expect((await withOtherwise.send()).snapshots[0]!.headers['x-branch']).toEqual(['other']);
    const without = probeHarness(`<policies><inbound><choose><when condition="false">${mark('one')}</when></choose>${PROBE}</inbound></policies>`);
    expect((await without.send()).snapshots[0]!.headers['x-branch']).toBeUndefined();
  });

  it('runs every policy of the branch in order, in the section it stands in', async () => {
    const h = harness(
      '<policies><inbound /><outbound><choose><when condition="true"><set-body>first</set-body><find-and-replace from="first" to="second" /><set-status code="201" reason="Created" /></when></choose></outbound></policies>',
    );
    const response = await h.send();
    expect(response.status).toBe(201);
    expect(response.text).toBe('second');
  });

  it('nests, and a fault inside a nested branch goes to on-error', async () => {
    const h = harness(
      '<policies><inbound><set-header name="a" exists-action="override"><value>1</value></set-header>' +
        '<choose><when condition="true"><choose><when condition="false" /><otherwise><return-response response-variable-name="nothing" /></otherwise></choose></when></choose>' +
        '</inbound><on-error><return-response><set-status code="599" reason="Seen" /></return-response></on-error></policies>',
    );
    const response = await h.send();
    expect(response.status).toBe(599);
  });
});
