import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';

const inbound = (policies: string) => `<policies><inbound>${policies}${PROBE}</inbound><backend /><outbound /><on-error /></policies>`;
const outbound = (policies: string) => `<policies><inbound /><backend /><outbound>${policies}</outbound><on-error /></policies>`;

describe('set-header', () => {
  it('T26 set-header: override sets the request header sent to the backend in inbound', async () => {
    const h = probeHarness(inbound('<set-header name="some header name" exists-action="override"><value>20</value></set-header>'));
    const { snapshots } = await h.send({ headers: { 'some header name': 'old' } });
    expect(snapshots[0]!.headers['some header name']).toEqual(['20']);
  });

  it('T26 set-header: delete removes the header', async () => {
    const h = probeHarness(inbound('<set-header name="X-Remove" exists-action="delete" />'));
    const { snapshots } = await h.send({ headers: { 'x-remove': 'a', 'x-keep': 'b' } });
    expect(snapshots[0]!.headers['x-remove']).toBeUndefined();
    expect(snapshots[0]!.headers['x-keep']).toEqual(['b']);
  });

  it('T26 set-header: several values are sent as one comma-separated header', async () => {
    const h = probeHarness(inbound('<set-header name="x-request-context-data" exists-action="override"><value>user-1</value><value>westeurope</value></set-header>'));
    const { snapshots } = await h.send();
    expect(snapshots[0]!.headers['x-request-context-data']).toEqual(['user-1,westeurope']);
  });

  it('T26 set-header: several values of User-Agent, Set-Cookie or a date header are separate header lines', async () => {
    const h = harness(
      outbound(
        '<set-header name="Set-Cookie" exists-action="override"><value>a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT</value><value>b=2</value></set-header>' +
          '<set-header name="Retry-After" exists-action="append"><value>Wed, 21 Oct 2026 07:28:00 GMT</value></set-header>' +
          '<set-header name="Retry-After" exists-action="append"><value>120</value></set-header>',
      ),
    );
    const response = await h.send();
    expect(response.headers.get('set-cookie')).toEqual(['a=1; Expires=Wed, 21 Oct 2026 07:28:00 GMT', 'b=2']);
    expect(response.headers.get('retry-after')).toEqual(['Wed, 21 Oct 2026 07:28:00 GMT', '120']);
  });

  it('override replaces every existing value of the header, whatever its case', async () => {
    const h = probeHarness(inbound('<set-header name="accept" exists-action="override"><value>text/plain</value></set-header>'));
    const { snapshots } = await h.send({ headers: { Accept: ['application/json', 'text/html'] } });
    expect(snapshots[0]!.headers['Accept']).toEqual(['text/plain']);
  });

  it('exists-action defaults to override', async () => {
    const h = probeHarness(inbound('<set-header name="x-a"><value>new</value></set-header>'));
    const { snapshots } = await h.send({ headers: { 'x-a': 'old' } });
    expect(snapshots[0]!.headers['x-a']).toEqual(['new']);
  });

  it('skip leaves an existing header untouched and adds an absent one', async () => {
    const h = probeHarness(
      inbound('<set-header name="x-a" exists-action="skip"><value>new</value></set-header><set-header name="x-b" exists-action="skip"><value>new</value></set-header>'),
    );
    const { snapshots } = await h.send({ headers: { 'x-a': 'old' } });
    expect(snapshots[0]!.headers['x-a']).toEqual(['old']);
    expect(snapshots[0]!.headers['x-b']).toEqual(['new']);
  });

  it('append adds to the existing value (comma-joined) and creates an absent header', async () => {
    const h = probeHarness(
      inbound('<set-header name="x-a" exists-action="append"><value>two</value></set-header><set-header name="x-b" exists-action="append"><value>one</value></set-header>'),
    );
    const { snapshots } = await h.send({ headers: { 'x-a': 'one' } });
    expect(snapshots[0]!.headers['x-a']).toEqual(['one,two']);
    expect(snapshots[0]!.headers['x-b']).toEqual(['one']);
  });

  it('override without <value> leaves the header present and empty', async () => {
    const h = probeHarness(inbound('<set-header name="x-a" exists-action="override" />'));
    const { snapshots } = await h.send({ headers: { 'x-a': 'old' } });
    expect(snapshots[0]!.headers['x-a']).toEqual(['']);
  });

  it('in outbound it changes the response headers, not the request headers', async () => {
    const h = harness(outbound('<set-header name="X-Powered-By" exists-action="override"><value>apimx</value></set-header>'));
    const response = await h.send({ headers: { 'X-Powered-By': 'client' } });
    expect(response.header('x-powered-by')).toBe('apimx');
  });

  it('in on-error it changes the response the caller gets', async () => {
    const h = harness(
      '<policies><inbound><return-response response-variable-name="missing" /></inbound><backend /><outbound />' +
        '<on-error><set-header name="X-Error" exists-action="override"><value>yes</value></set-header></on-error></policies>',
    );
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('x-error')).toBe('yes');
  });

  it('cannot change or delete framing headers, nor delete Server', async () => {
    const h = probeHarness(
      inbound(
        '<set-header name="Connection" exists-action="override"><value>close</value></set-header>' +
          '<set-header name="Transfer-Encoding" exists-action="delete" />' +
          '<set-header name="Server" exists-action="delete" />',
      ),
    );
    const { snapshots } = await h.send({ headers: { Connection: 'keep-alive', 'Transfer-Encoding': 'chunked', Server: 'client' } });
    expect(snapshots[0]!.headers['Connection']).toEqual(['keep-alive']);
    expect(snapshots[0]!.headers['Transfer-Encoding']).toEqual(['chunked']);
    expect(snapshots[0]!.headers['Server']).toEqual(['client']);
  });
});
