// T29 set-body with form data (spec §2.2, §9): Body.AsFormUrlEncodedContent() and ToFormUrlEncodedContent()
// through real policy XML, and the documented failure of a set-body that reads the body of a GET without one.
import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { expressionsReady } from '../expressions-ready.ts';
import { PROBE, probeHarness } from '../probe.ts';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

describe.skipIf(!expressionsReady)('set-body with form data', () => {
  it('T29 set-body: form data as JSON (a=1&b=2 becomes {"a":["1"],"b":["2"]})', async () => {
    const h = probeHarness(`<policies><inbound>
      <set-body>@{ var inBody = context.Request.Body.AsFormUrlEncodedContent(); return JsonConvert.SerializeObject(inBody); }</set-body>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: 'a=1&b=2', headers: FORM });
    expect(snapshots[0]!.body).toBe('{"a":["1"],"b":["2"]}');
  });

  it('T29 set-body: a new key added to the form and the form written back', async () => {
    const h = probeHarness(`<policies><inbound>
      <set-body>@{ var body = context.Request.Body.AsFormUrlEncodedContent(); body["newKey"].Add("newValue"); return body.ToFormUrlEncodedContent(); }</set-body>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: 'a=1&b=2', headers: FORM });
    expect(snapshots[0]!.body).toBe('a=1&b=2&newKey=newValue');
  });

  it('T29 set-body: form decoding (+, %XX, UTF-8, repeated names, a name without =) and encoding as .NET does', async () => {
    const h = probeHarness(`<policies><inbound>
      <set-variable name="tags" value="@(string.Join("|", context.Request.Body.AsFormUrlEncodedContent(preserveContent: true)["tag"]))" />
      <set-body>@{ var form = context.Request.Body.AsFormUrlEncodedContent(); form["note"].Add("a b&c=d!é"); return form.ToFormUrlEncodedContent(); }</set-body>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: 'tag=x+y&tag=%C3%A9%21&flag&bad=%zz', headers: FORM });
    expect(snapshots[0]!.variables.get('tags')!.value).toBe('x y|é!');
    expect(snapshots[0]!.body).toBe('tag=x+y&tag=%C3%A9%21&flag=&bad=%25zz&note=a+b%26c%3Dd%21%C3%A9');
  });

  it('T29 set-body: without preserveContent the form read consumes the body', async () => {
    const h = harness(`<policies><inbound>
      <set-variable name="n" value="@(context.Request.Body.AsFormUrlEncodedContent().Count)" />
      <set-variable name="again" value="@(context.Request.Body.As<string>())" />
      </inbound></policies>`);
    expect((await h.send({ method: 'POST', body: 'a=1', headers: FORM })).status).toBe(500);
  });

  it('T29 set-body: reading the body of an inbound GET with no body fails (ExpressionValueEvaluationFailure, 500)', async () => {
    const h = harness(`<policies>
      <inbound><set-body>@(context.Request.Body.As<string>())</set-body></inbound>
      <backend />
      <outbound />
      <on-error>
        <set-header name="x-reason" exists-action="override"><value>@(context.LastError.Reason)</value></set-header>
        <set-header name="x-message" exists-action="override"><value>@(context.LastError.Message)</value></set-header>
        <set-header name="x-source" exists-action="override"><value>@(context.LastError.Source)</value></set-header>
      </on-error>
    </policies>`);
    const response = await h.send({ method: 'GET' });
    expect(response.status).toBe(500);
    expect(response.header('x-reason')).toBe('ExpressionValueEvaluationFailure');
    expect(response.header('x-source')).toBe('set-body');
    expect(response.header('x-message')).toContain('Object reference not set to an instance of an object.');
  });

  it('T29 set-body: the same GET with a literal body is fine (nothing reads the missing body)', async () => {
    const h = probeHarness(`<policies><inbound><set-body>made up</set-body>${PROBE}</inbound></policies>`);
    expect((await h.send({ method: 'GET' })).snapshots[0]!.body).toBe('made up');
  });
});
