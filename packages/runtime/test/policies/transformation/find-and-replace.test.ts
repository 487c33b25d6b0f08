import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';

describe('find-and-replace', () => {
  it('T49 find-and-replace: every notebook in the response body becomes laptop', async () => {
    const h = harness(
      '<policies><inbound /><outbound><set-body>a notebook, another notebook, a Notebook</set-body><find-and-replace from="notebook" to="laptop" /></outbound></policies>',
    );
    const response = await h.send();
    expect(response.text).toBe('a laptop, another laptop, a Notebook');
    expect(response.header('content-length')).toBe(String(Buffer.byteLength(response.text)));
  });

  it('in inbound it changes a streamed request body, buffering it first', async () => {
    const h = probeHarness(`<policies><inbound><find-and-replace from="secret" to="" />${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: Readable.from([Buffer.from('my sec'), Buffer.from('ret value')]) });
    expect(snapshots[0]!.body).toBe('my  value');
  });

  it('does nothing when there is no body', async () => {
    const h = harness('<policies><inbound /><outbound><find-and-replace from="a" to="b" /></outbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });
});
