import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';

describe('mock-response', () => {
  it('T33 mock-response: <mock-response/> answers 200 with an empty body (no API definition examples in apimx)', async () => {
    const h = harness('<policies><inbound><mock-response /></inbound><outbound><set-body>not this</set-body></outbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });

  it("T33 mock-response: status-code='200' content-type='application/json' → 200 JSON, empty", async () => {
    const h = harness("<policies><inbound><mock-response status-code='200' content-type='application/json'/></inbound></policies>");
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(response.header('content-type')).toBe('application/json');
    expect(response.text).toBe('');
  });

  it('answers the given status with its reason phrase', async () => {
    const h = harness('<policies><inbound><mock-response status-code="404" /></inbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(404);
    expect(response.reason).toBe('Not Found');
  });
});
