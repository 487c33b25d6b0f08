import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { MessageBody } from '../../../src/context/message-body.ts';
import { PROBE, probeHarness } from '../probe.ts';

// The probe stands in for forward-request: it gives the response a body that is still streaming from a backend.
function streamingBackend(): { stream: PassThrough; onProbe: (ctx: { Response: { Body: MessageBody | null } }) => void } {
  const stream = new PassThrough();
  stream.write('upstream bytes');
  return { stream, onProbe: (ctx) => void (ctx.Response.Body = new MessageBody(stream)) };
}

describe('a streamed backend response dropped by a policy is released', () => {
  for (const [name, policy] of [
    ['set-body', '<set-body>replaced</set-body>'],
    ['return-response', '<return-response><set-body>replaced</set-body></return-response>'],
    ['mock-response', '<mock-response status-code="200" />'],
  ] as const) {
    it(`${name} in outbound destroys the unread upstream stream`, async () => {
      const backend = streamingBackend();
      const h = probeHarness(`<policies><inbound /><outbound>${PROBE}${policy}</outbound></policies>`, { onProbe: backend.onProbe });
      const response = await h.send();
      expect(response.text).toBe(name === 'mock-response' ? '' : 'replaced');
      expect(backend.stream.destroyed).toBe(true);
    });
  }

  it('find-and-replace reads the stream instead (it is buffered, not destroyed)', async () => {
    const backend = streamingBackend();
    backend.stream.end(' more');
    const h = probeHarness(`<policies><inbound /><outbound>${PROBE}<find-and-replace from="upstream" to="backend" /></outbound></policies>`, { onProbe: backend.onProbe });
    expect((await h.send()).text).toBe('backend bytes more');
  });
});
