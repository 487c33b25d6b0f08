import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.ts';
import { HeaderMap } from '../../src/http/header-map.ts';
import { readBody } from '../../src/http/read-body.ts';
import { memoryServices } from '../../src/memory-services.ts';
import { Runtime } from '../../src/runtime.ts';
import { harness, parse } from '../support/run-policy.ts';

const IDENTITY = { api: null, operation: null, product: null, subscription: null, user: null };

describe('pipeline flow', () => {
  it('answers 200 with an empty body when no section calls a backend', async () => {
    const h = harness('<policies><inbound /><backend /><outbound /><on-error /></policies>');
    const response = await h.send();
    expect(response.status).toBe(200);
    expect(response.text).toBe('');
  });

  it('refuses a document whose policy has a schema but no implementation yet, at its line and column', () => {
    expect(() => harness('<policies>\n  <inbound>\n    <redirect-content-urls />\n  </inbound>\n</policies>')).toThrow(
      'operation.xml:3:5: policy redirect-content-urls is not supported yet',
    );
  });

  it('[UNCONFIRMED] outbound does not run after return-response ends the flow', async () => {
    const h = harness(`<policies>
      <inbound><return-response><set-status code="202" reason="Accepted" /></return-response></inbound>
      <backend />
      <outbound><set-header name="x-outbound" exists-action="override"><value>ran</value></set-header></outbound>
    </policies>`);
    const response = await h.send();
    expect(response.status).toBe(202);
    expect(response.header('x-outbound')).toBeUndefined();
  });

  it('an expression that throws is ExpressionValueEvaluationFailure: on-error sees LastError, then the default 500', async () => {
    const h = harness(`<policies>
      <inbound><set-variable name="n" value="@(int.Parse(&quot;not a number&quot;))" /></inbound>
      <backend />
      <outbound />
      <on-error>
        <set-header name="x-reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>
        <set-header name="x-source" exists-action="override"><value>@(context.LastError.Source)</value></set-header>
        <set-header name="x-section" exists-action="override"><value>@(context.LastError.Section)</value></set-header>
        <set-header name="x-path" exists-action="override"><value>@(context.LastError.Path)</value></set-header>
      </on-error>
    </policies>`);
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('x-reason')).toBe('ExpressionValueEvaluationFailure');
    expect(response.header('x-source')).toBe('set-variable');
    expect(response.header('x-section')).toBe('inbound');
    expect(response.header('x-path')).toBe('set-variable[1]');
    const body = JSON.parse(response.text) as { statusCode: number; message: string; activityId: string };
    expect(body).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    expect(body.activityId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('[UNCONFIRMED] an error inside on-error ends on-error and answers with that error, LastError updated', async () => {
    const h = harness(`<policies>
      <inbound><return-response><set-status code="418" reason="Teapot" /></return-response></inbound>
      <backend />
      <outbound />
      <on-error />
    </policies>`);
    expect((await h.send()).status).toBe(418);
    const runtime = new Runtime({ services: memoryServices(new ManualClock(0)) });
    const pipeline = runtime.load([
      {
        scope: 'api',
        document: parse(`<policies>
      <inbound><set-variable name="a" value="@(((string)null).Length)" /></inbound>
      <backend />
      <outbound />
      <on-error>
        <set-variable name="first-error" value="@(context.LastError.Source + &quot;|&quot; + context.LastError.Section + &quot;|&quot; + context.LastError.Path)" />
        <choose><when condition="@(true)"><set-variable name="b" value="@(int.Parse(&quot;x&quot;))" id="parse-b" /></when></choose>
        <set-header name="x-never" exists-action="override"><value>set</value></set-header>
      </on-error>
    </policies>`),
      },
    ]);
    const { response, context } = await runtime.run(pipeline, { method: 'GET', url: 'https://apimx.local/api/op', headers: new HeaderMap(), clientIp: '127.0.0.1' }, IDENTITY);
    expect(response.status).toBe(500);
    expect(response.headers.has('x-never')).toBe(false);
    expect(JSON.parse(Buffer.from(await readBody(response.body)).toString())).toMatchObject({ statusCode: 500, message: 'Internal server error' });
    // on-error saw the first error...
    expect(context.Variables.get('first-error')).toBe('set-variable|inbound|set-variable[1]');
    // ...and LastError now describes the one inside on-error.
    expect(context.LastError).toMatchObject({
      Source: 'set-variable',
      Reason: 'ExpressionValueEvaluationFailure',
      Scope: 'api',
      Section: 'on-error',
      Path: 'choose[2]\\when[1]\\set-variable[1]',
      PolicyId: 'parse-b',
      HttpErrorCode: 500,
    });
    expect(context.LastError?.Message).toMatch(/format/i);
  });

  it('a section a narrower scope leaves out inherits the broader one whole; <base/> places it', async () => {
    const h = harness({
      global: `<policies><inbound><set-header name="x-order" exists-action="append"><value>global</value></set-header></inbound><backend /><outbound /></policies>`,
      api: `<policies><inbound><set-header name="x-order" exists-action="append"><value>api-before</value></set-header><base /><set-header name="x-order" exists-action="append"><value>api-after</value></set-header></inbound></policies>`,
      operation: `<policies><backend><return-response><set-header name="x-order" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault(&quot;x-order&quot;, &quot;&quot;))</value></set-header></return-response></backend></policies>`,
    });
    const response = await h.send();
    expect(response.header('x-order')).toBe('api-before,global,api-after');
  });
});
