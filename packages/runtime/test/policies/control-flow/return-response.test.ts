import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probeHarness } from '../probe.ts';
import { upstream } from '../routing/support.ts';

describe('return-response', () => {
  it('T31 return-response: 401 Unauthorized with WWW-Authenticate, nothing after it runs', async () => {
    const h = probeHarness(
      '<policies><inbound><return-response><set-status code="401" reason="Unauthorized"/>' +
        '<set-header name="WWW-Authenticate" exists-action="override"><value>Bearer error="invalid_token"</value></set-header>' +
        `</return-response>${PROBE}</inbound><backend /><outbound>${PROBE}<set-header name="x-outbound" exists-action="override"><value>ran</value></set-header></outbound></policies>`,
    );
    const response = await h.send({ headers: { 'WWW-Authenticate': 'from-client' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toEqual(['Bearer error="invalid_token"']);
    expect(response.headers.has('x-outbound')).toBe(false);
    expect(response.snapshots).toHaveLength(0);
  });

  it('T31 return-response: bare <return-response/> answers 200 OK with an empty body', async () => {
    const h = harness('<policies><inbound><return-response /></inbound><outbound><set-body>not this</set-body></outbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(response.reason).toBe('OK');
    expect(response.text).toBe('');
  });

  it('its set-header changes the returned response in inbound, not the request', async () => {
    const h = harness('<policies><inbound><return-response><set-header name="x-a" exists-action="override"><value>1</value></set-header></return-response></inbound></policies>');
    const response = await h.send({ headers: { 'x-a': 'request' } });
    expect(response.header('x-a')).toBe('1');
  });

  it('its set-body gives the response a body in inbound', async () => {
    const h = harness(
      '<policies><inbound><return-response><set-status code="403" reason="Forbidden" /><set-header name="Content-Type" exists-action="override"><value>application/json</value></set-header>' +
        '<set-body>{"error":"Forbidden. You are not a member of an authorized group."}</set-body></return-response></inbound></policies>',
    );
    const response = await h.send({ method: 'POST', body: 'request body' });
    expect(response.status).toBe(403);
    expect(response.header('content-type')).toBe('application/json');
    expect(JSON.parse(response.text)).toEqual({ error: 'Forbidden. You are not a member of an authorized group.' });
  });

  it('in outbound it replaces the response built so far', async () => {
    const h = harness(
      '<policies><inbound /><outbound><set-header name="x-old" exists-action="override"><value>1</value></set-header><set-body>old</set-body><return-response><set-status code="202" reason="Accepted" /></return-response></outbound></policies>',
    );
    const response = await h.send();
    expect(response.status).toBe(202);
    expect(response.headers.has('x-old')).toBe(false);
    expect(response.text).toBe('');
  });

  it('in on-error it answers instead of the error', async () => {
    const h = harness(
      '<policies><inbound><return-response response-variable-name="missing" /></inbound><on-error><return-response><set-status code="503" reason="Try later" /><set-body>sorry</set-body></return-response></on-error></policies>',
    );
    const response = await h.send();
    expect(response.status).toBe(503);
    expect(response.text).toBe('sorry');
  });

  it('a response-variable-name that holds no response is a 500 with APIM\'s body', async () => {
    const h = harness('<policies><inbound><set-variable name="v" value="text" /><return-response response-variable-name="v" /></inbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(JSON.parse(response.text)).toMatchObject({ statusCode: 500, message: 'Internal server error' });
  });

  it('after it, set-header in a later inbound policy of another request targets the request again', async () => {
    const h = probeHarness(
      `<policies><inbound><choose><when condition="false"><return-response /></when></choose><set-header name="x-a" exists-action="override"><value>req</value></set-header>${PROBE}</inbound></policies>`,
    );
    const { snapshots } = await h.send();
    expect(snapshots[0]!.headers['x-a']).toEqual(['req']);
  });

  it('response-variable-name: returns the response send-request stored, as the children change it', async () => {
    const server = await upstream((_req, res) => {
      res.writeHead(207, 'Multi-Status', { 'Content-Type': 'application/json', 'X-From': 'upstream' });
      res.end('{"from":"upstream"}');
    });
    const call = `<send-request mode="new" response-variable-name="reply"><set-url>${server.url}/status</set-url></send-request>`;
    const plain = harness(`<policies><inbound>${call}<return-response response-variable-name="reply" /></inbound><outbound><set-body>not this</set-body></outbound></policies>`);
    const returned = await plain.send();
    expect([returned.status, returned.reason]).toEqual([207, 'Multi-Status']);
    expect(returned.header('x-from')).toBe('upstream');
    expect(JSON.parse(returned.text)).toEqual({ from: 'upstream' });
    const changed = harness(
      `<policies><inbound>${call}<return-response response-variable-name="reply">
        <set-header name="X-Added" exists-action="override"><value>@(((IResponse)context.Variables["reply"]).StatusCode.ToString())</value></set-header>
        <set-status code="200" reason="OK" />
      </return-response></inbound></policies>`,
    );
    const response = await changed.send();
    expect(response.status).toBe(200);
    expect(response.header('x-from')).toBe('upstream');
    expect(response.header('x-added')).toBe('207');
    expect(JSON.parse(response.text)).toEqual({ from: 'upstream' });
  });
});

