import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ProductInfo } from '../../../src/context/entities.ts';
import { harness } from '../../support/run-policy.ts';
import { expressionsReady } from '../expressions-ready.ts';
import { PROBE, probeHarness } from '../probe.ts';

const product = (Name: string): ProductInfo => new ProductInfo({
  Id: Name.toLowerCase(), Name, State: 1, SubscriptionRequired: true, ApprovalRequired: false, SubscriptionLimit: null, Groups: [], Apis: [],
});

const T30_ON_ERROR = `<on-error>
    <set-header name="ErrorSource" exists-action="override"><value>@(context.LastError.Source)</value></set-header>
    <set-header name="ErrorReason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>
    <set-header name="ErrorMessage" exists-action="override"><value>@(context.LastError.Message)</value></set-header>
    <set-header name="ErrorScope" exists-action="override"><value>@(context.LastError.Scope)</value></set-header>
    <set-header name="ErrorSection" exists-action="override"><value>@(context.LastError.Section)</value></set-header>
    <set-header name="ErrorPath" exists-action="override"><value>@(context.LastError.Path)</value></set-header>
    <set-header name="ErrorPolicyId" exists-action="override"><value>@(context.LastError.PolicyId)</value></set-header>
    <set-header name="ErrorStatusCode" exists-action="override"><value>@(context.Response.StatusCode.ToString())</value></set-header>
    <base />
</on-error>`;

describe.skipIf(!expressionsReady)('control flow with policy expressions', () => {
  it('T24 isMobile: the variable is a bool and choose picks mobile=true or mobile=false', async () => {
    const h = probeHarness(`<policies><inbound>
      <set-variable name="isMobile" value="@(context.Request.Headers.GetValueOrDefault("User-Agent","").Contains("iPad") || context.Request.Headers.GetValueOrDefault("User-Agent","").Contains("iPhone"))" />
      <base />
      <choose>
        <when condition="@(context.Variables.GetValueOrDefault<bool>("isMobile"))">
          <set-query-parameter name="mobile" exists-action="override"><value>true</value></set-query-parameter>
        </when>
        <otherwise>
          <set-query-parameter name="mobile" exists-action="override"><value>false</value></set-query-parameter>
        </otherwise>
      </choose>${PROBE}</inbound></policies>`);
    const ipad = await h.send({ headers: { 'User-Agent': 'Mozilla/5.0 (iPad; CPU OS 17_0)' } });
    expect(ipad.snapshots[0]!.query['mobile']).toEqual(['true']);
    expect(ipad.snapshots[0]!.variables.get('isMobile')).toEqual({ value: true, type: 'bool' });
    const desktop = await h.send({ headers: { 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64)' } });
    expect(desktop.snapshots[0]!.query['mobile']).toEqual(['false']);
  });

  it('T25 content filtering by product: Starter 200 responses lose the five root properties', async () => {
    const body = JSON.stringify({ current: 1, minutely: 2, hourly: 3, daily: 4, alerts: 5, lat: 47.6 });
    const h = harness(`<policies><inbound /><outbound><set-body>${body}</set-body>
      <choose>
        <when condition="@(context.Response.StatusCode == 200 && context.Product.Name.Equals("Starter"))">
          <set-body>@{
              var response = context.Response.Body.As<JObject>();
              foreach (var key in new [] {"current", "minutely", "hourly", "daily", "alerts"}) {
                response.Property (key).Remove ();
              }
              return response.ToString();
            }
          </set-body>
        </when>
      </choose></outbound></policies>`);
    const starter = await h.send({}, { product: product('Starter') });
    expect(JSON.parse(starter.text)).toEqual({ lat: 47.6 });
    const unlimited = await h.send({}, { product: product('Unlimited') });
    expect(JSON.parse(unlimited.text)).toEqual(JSON.parse(body));
  });

  it('T30 on-error diagnostics: LastError fields of an expression failure become response headers', async () => {
    const h = harness(`<policies><inbound>
      <set-header name="a" exists-action="override"><value>1</value></set-header>
      <choose><when condition="true"><set-variable id="parse" name="n" value="@(int.Parse("not a number"))" /></when></choose>
    </inbound>${T30_ON_ERROR}</policies>`);
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('ErrorSource')).toBe('set-variable');
    expect(response.header('ErrorReason')).toBe('ExpressionValueEvaluationFailure');
    expect(response.header('ErrorScope')).toBe('operation');
    expect(response.header('ErrorSection')).toBe('inbound');
    expect(response.header('ErrorPath')).toBe('choose[2]\\when[1]\\set-variable[1]');
    expect(response.header('ErrorPolicyId')).toBe('parse');
    expect(response.header('ErrorStatusCode')).toBe('500');
    expect(response.header('ErrorMessage')).toBeTruthy();
  });

  it('T30 on-error diagnostics: a return-response fault in a nested branch, with no Reason', async () => {
    const h = harness(`<policies><inbound><choose><when condition="false" /><otherwise><return-response response-variable-name="missing" /></otherwise></choose></inbound>${T30_ON_ERROR}</policies>`);
    const response = await h.send();
    expect(response.header('ErrorSource')).toBe('return-response');
    expect(response.header('ErrorReason')).toBe('');
    expect(response.header('ErrorPath')).toBe('choose[1]\\otherwise[2]\\return-response[1]');
    expect(response.header('ErrorStatusCode')).toBe('500');
  });

  it('T31 return-response inside on-error with expressions answers with the error details', async () => {
    const h = harness(`<policies><inbound><set-variable name="n" value="@(int.Parse("x"))" /></inbound><on-error>
      <return-response><set-status code="502" reason="Bad Gateway" /><set-body>@("failed in " + context.LastError.Source)</set-body></return-response>
    </on-error></policies>`);
    const response = await h.send();
    expect(response.status).toBe(502);
    expect(response.text).toBe('failed in set-variable');
  });

  it('a condition that reads a streamed body gets it buffered first', async () => {
    const h = probeHarness(
      `<policies><inbound><choose><when condition="@(context.Request.Body.As<string>(preserveContent: true).Contains("needle"))"><set-header name="x-found" exists-action="override"><value>yes</value></set-header></when></choose>${PROBE}</inbound></policies>`,
    );
    const { snapshots } = await h.send({ method: 'POST', body: Readable.from([Buffer.from('hay nee'), Buffer.from('dle hay')]) });
    expect(snapshots[0]!.headers['x-found']).toEqual(['yes']);
    expect(snapshots[0]!.body).toBe('hay needle hay');
  });

  it('a fault in a return-response child is located inside it: return-response[1]\\set-status[1]', async () => {
    const h = harness(`<policies><inbound><return-response><set-status code="@(42)" reason="x" /></return-response></inbound>${T30_ON_ERROR}</policies>`);
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('ErrorSource')).toBe('set-status');
    expect(response.header('ErrorPath')).toBe('return-response[1]\\set-status[1]');
  });

  it('mock-response status-code may be an expression', async () => {
    const h = harness('<policies><inbound><mock-response status-code="@(200 + 1)" content-type="@("text/plain")" /></inbound></policies>');
    const response = await h.send();
    expect(response.status).toBe(201);
    expect(response.header('content-type')).toBe('text/plain');
  });
});
