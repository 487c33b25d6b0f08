import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';

describe('set-body', () => {
  it('T29 set-body: a literal replaces the response body in outbound', async () => {
    const h = harness('<policies><inbound /><outbound><set-body>Hello world!</set-body></outbound></policies>');
    const response = await h.send();
    expect(response.text).toBe('Hello world!');
    expect(response.header('content-length')).toBe('12');
  });

  it('in inbound it replaces the request body sent to the backend and drops the stale Content-Length', async () => {
    const h = probeHarness(`<policies><inbound><set-body>{"replaced":true}</set-body>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: 'original', headers: { 'Content-Length': '8' } });
    expect(snapshots[0]!.body).toBe('{"replaced":true}');
    expect(snapshots[0]!.headers['Content-Length']).toBeUndefined();
  });

  it('in inbound it gives a GET without a body one', async () => {
    const h = probeHarness(`<policies><inbound><set-body>made up</set-body>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'GET', body: Readable.from([]) });
    expect(snapshots[0]!.body).toBe('made up');
  });

  it('refuses template="liquid" at load with a clear message', () => {
    expect(() => harness('<policies><inbound>\n  <set-body template="liquid">{% if body %}x{% endif %}</set-body>\n</inbound></policies>')).toThrow(
      'operation.xml:2:3: set-body template="liquid" is not supported yet',
    );
  });

  it('accepts template="none" (deployed policies write it) as a plain body', async () => {
    const h = harness('<policies><inbound /><outbound><set-body template="none">plain</set-body></outbound></policies>');
    expect((await h.send()).text).toBe('plain');
  });

  it('xsi-nil and parse-date (Liquid-only in APIM) leave a plain body as it is; with Liquid the policy is refused', async () => {
    const h = harness('<policies><inbound /><outbound><set-body xsi-nil="null" parse-date="false">{"at":"2026-01-01T00:00:00Z","v":null}</set-body></outbound></policies>');
    expect((await h.send()).text).toBe('{"at":"2026-01-01T00:00:00Z","v":null}');
    expect(() => harness('<policies><inbound /><outbound><set-body template="liquid" xsi-nil="null">{% if body %}x{% endif %}</set-body></outbound></policies>')).toThrow(
      /set-body template="liquid" is not supported yet/,
    );
  });
});

