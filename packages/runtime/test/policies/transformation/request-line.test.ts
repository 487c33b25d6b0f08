import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';

describe('set-method', () => {
  it('changes the method sent to the backend', async () => {
    const h = probeHarness(`<policies><inbound><set-method>post</set-method>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'GET' });
    expect(snapshots[0]!.method).toBe('POST');
  });
});

describe('set-status', () => {
  it('sets the response status code and reason', async () => {
    const h = harness('<policies><inbound /><outbound><set-status code="418" reason="Short and stout" /></outbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(418);
    expect(response.reason).toBe('Short and stout');
  });

  it('uses the standard reason phrase when reason is omitted (as deployed policies do)', async () => {
    const h = harness('<policies><inbound /><outbound><set-status code="202" /></outbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(202);
    expect(response.reason).toBe('Accepted');
  });
});
