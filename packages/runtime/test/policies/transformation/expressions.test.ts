import { describe, expect, it } from 'vitest';
import type { UserInfo } from '../../../src/context/entities.ts';
import { harness } from '../../support/run-policy.ts';
import { expressionsReady } from '../expressions-ready.ts';
import { PROBE, probeHarness } from '../probe.ts';

const user: UserInfo = { Id: 'user-7', Email: 'u@example.com', FirstName: 'U', LastName: 'Ser', Note: null, RegistrationDate: 0, Groups: [], Identities: [] };

describe.skipIf(!expressionsReady)('transformation policies with policy expressions', () => {
  it('T26 set-header: x-request-context-data gets <userId>,<region>', async () => {
    const h = probeHarness(`<policies><inbound><set-header name="x-request-context-data" exists-action="override"><value>@(context.User.Id)</value><value>@(context.Deployment.Region)</value></set-header>${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({}, { user });
    expect(snapshots[0]!.headers['x-request-context-data']).toEqual(['user-7,local']);
  });

  it('set-header name and exists-action may be expressions', async () => {
    const h = probeHarness(`<policies><inbound><set-header name="@("x-" + "dyn")" exists-action="@("skip")"><value>new</value></set-header>${PROBE}</inbound></policies>`);
    expect((await h.send({ headers: { 'x-dyn': 'old' } })).snapshots[0]!.headers['x-dyn']).toEqual(['old']);
    expect((await h.send()).snapshots[0]!.headers['x-dyn']).toEqual(['new']);
  });

  it('T27 set-query-parameter: x-product-name from an expression', async () => {
    const h = probeHarness(`<policies><inbound><set-query-parameter name="x-product-name" exists-action="override"><value>@(context.Request.Method)</value></set-query-parameter>${PROBE}</inbound></policies>`);
    expect((await h.send({ method: 'PUT' })).snapshots[0]!.query['x-product-name']).toEqual(['PUT']);
  });

  it('T29 set-body: preserveContent keeps the request body readable after the expression', async () => {
    const h = probeHarness(`<policies><inbound>
      <set-body>@{ string inBody = context.Request.Body.As<string>(preserveContent: true); return inBody.ToUpper(); }</set-body>
      <set-variable name="again" value="@(context.Request.Body.As<string>(preserveContent: true))" />${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: 'hello' });
    expect(snapshots[0]!.body).toBe('HELLO');
    expect(snapshots[0]!.variables.get('again')!.value).toBe('HELLO');
  });

  it('T29 set-body: reading the body without preserveContent makes a later read fail (500)', async () => {
    const h = harness(`<policies><inbound>
      <set-variable name="first" value="@(context.Request.Body.As<string>())" />
      <set-variable name="second" value="@(context.Request.Body.As<string>())" />
      </inbound></policies>`);
    const response = await h.send({ method: 'POST', body: '{"a":1}' });
    expect(response.status).toBe(500);
  });

  it('set-variable keeps the static C# type of an expression (int, double, bool, string)', async () => {
    const h = probeHarness(
      `<policies><inbound><set-variable name="n" value="@(1 + 2)" /><set-variable name="d" value="@(3.0)" /><set-variable name="b" value="@(1 &lt; 2)" /><set-variable name="s" value="@("a" + "b")" />${PROBE}</inbound></policies>`,
    );
    const { snapshots } = await h.send();
    const variables = snapshots[0]!.variables;
    expect(variables.get('n')).toEqual({ value: 3, type: 'int' });
    expect(variables.get('d')!.type).toBe('double');
    expect(variables.get('b')).toEqual({ value: true, type: 'bool' });
    expect(variables.get('s')).toEqual({ value: 'ab', type: 'string' });
  });

  it('find-and-replace with expression from/to, and rewrite-uri with an expression template', async () => {
    const h = probeHarness(`<policies><inbound><find-and-replace from="@("a" + "b")" to="@(context.Request.Method)" /><rewrite-uri template="@("/v" + (1 + 1) + "/x")" />${PROBE}</inbound></policies>`);
    const { snapshots } = await h.send({ method: 'POST', body: 'abc ab', url: 'https://apimx.local/api/op?q=1' });
    expect(snapshots[0]!.body).toBe('POSTc POST');
    expect(snapshots[0]!.url).toBe('https://apimx.local/v2/x?q=1');
  });

  it('set-status and set-method take expressions', async () => {
    const h = probeHarness(`<policies><inbound><set-method>@("pat" + "ch")</set-method>${PROBE}</inbound><outbound><set-status code="@(200 + 6)" reason="@("Partial " + "Content")" /></outbound></policies>`);
    const response = await h.send();
    expect(response.snapshots[0]!.method).toBe('PATCH');
    expect(response.status).toBe(206);
  });

  it('an exists-action expression with an unknown action fails the request (500) from set-header', async () => {
    const h = harness(
      `<policies><inbound><set-header name="x" exists-action="@("replace")"><value>1</value></set-header></inbound><on-error><set-header name="src" exists-action="override"><value>@(context.LastError.Source)</value></set-header></on-error></policies>`,
    );
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('src')).toBe('set-header');
  });

  it('a value expression that returns null writes an empty value', async () => {
    const h = probeHarness(`<policies><inbound><set-header name="x-null" exists-action="override"><value>@((string)null)</value></set-header>${PROBE}</inbound></policies>`);
    expect((await h.send()).snapshots[0]!.headers['x-null']).toEqual(['']);
  });
});
