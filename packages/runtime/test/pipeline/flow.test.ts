import { describe, expect, it } from 'vitest';
import { harness } from '../support/run-policy.ts';

describe('pipeline flow', () => {
  it('answers 200 with an empty body when no section calls a backend', async () => {
    const h = harness('<policies><inbound /><backend /><outbound /><on-error /></policies>');
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });

  it('refuses a document whose policy has a schema but no implementation yet, at its line and column', () => {
    expect(() => harness('<policies>\n  <inbound>\n    <xml-to-json kind="direct" apply="always" consider-accept-header="false" />\n  </inbound>\n</policies>')).toThrow(
      'operation.xml:3:5: policy xml-to-json is not supported yet',
    );
  });
});
