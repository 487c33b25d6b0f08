// Policy fragments and include-fragment (spec §1.3): textual inclusion wherever it stands.
import { UserInfo } from '@apimx/parser';
import { describe, expect, it } from 'vitest';
import { harness } from '../support/run-policy.ts';

const FORWARD_CONTEXT = `<fragment>
  <set-header name="x-request-context-data" exists-action="override">
    <value>@(context.User.Id)</value>
    <value>@(context.Deployment.Region)</value>
  </set-header>
</fragment>`;

const ECHO = `<backend><return-response>
  <set-header name="x-seen" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("x-request-context-data", "none"))</value></set-header>
  <set-header name="x-order" exists-action="override"><value>@(context.Request.Headers.GetValueOrDefault("x-order", ""))</value></set-header>
</return-response></backend>`;

describe('include-fragment', () => {
  it('T42 fragments: the fragment runs where it is included, before the inherited policies', async () => {
    const h = harness(
      {
        global: `<policies><inbound><set-header name="x-order" exists-action="append"><value>global</value></set-header></inbound><backend /><outbound /></policies>`,
        api: `<policies><inbound><include-fragment fragment-id="ForwardContext" /><set-header name="x-order" exists-action="append"><value>@(context.Request.Headers.GetValueOrDefault("x-request-context-data", "missing"))</value></set-header><base /></inbound>${ECHO}</policies>`,
      },
      { fragments: { ForwardContext: FORWARD_CONTEXT } },
    );
    const response = await h.send({}, { user: new UserInfo({ Id: 'user-1' }) });
    expect(response.header('x-seen')).toBe('user-1,local');
    // The fragment ran first (its header was there for the API's next policy), then the global policy.
    expect(response.header('x-order')).toBe('user-1,local,global');
  });

  it('is inlined inside choose too', async () => {
    const h = harness(
      `<policies><inbound><choose><when condition="@(true)"><include-fragment fragment-id="ForwardContext" /></when></choose></inbound>${ECHO}</policies>`,
      { fragments: { ForwardContext: FORWARD_CONTEXT } },
    );
    const response = await h.send({}, { user: new UserInfo({ Id: 'user-2' }) });
    expect(response.header('x-seen')).toBe('user-2,local');
  });

  it('an unknown fragment fails the load at the include, naming it', () => {
    expect(() => harness('<policies>\n  <inbound>\n    <include-fragment fragment-id="nope" />\n  </inbound>\n</policies>')).toThrow(
      'operation.xml:3:5: fragment "nope" is not defined',
    );
    expect(() =>
      harness('<policies>\n  <inbound>\n    <choose>\n      <when condition="@(true)">\n        <include-fragment fragment-id="nope" />\n      </when>\n    </choose>\n  </inbound>\n</policies>'),
    ).toThrow('operation.xml:5:9: fragment "nope" is not defined');
  });

  it('a fragment is checked against the section it is included in: its policies and those nested in them (file:line:col)', () => {
    const store = '<fragment>\n  <cache-store duration="60" />\n</fragment>';
    expect(() => harness('<policies>\n  <inbound>\n    <include-fragment fragment-id="Store" />\n  </inbound>\n</policies>', { fragments: { Store: store } })).toThrow(
      'Store.xml:2:3: <cache-store> is not allowed in <inbound>; APIM allows it in outbound (fragment "Store" is included in <inbound> at operation.xml:3:5)',
    );
    const nested = '<fragment>\n  <choose>\n    <when condition="@(true)">\n      <cache-store duration="60" />\n    </when>\n  </choose>\n</fragment>';
    expect(() => harness('<policies><inbound><include-fragment fragment-id="Nested" /></inbound></policies>', { fragments: { Nested: nested } })).toThrow(
      /^Nested\.xml:4:7: <cache-store> is not allowed in <inbound>/,
    );
    // An include nested in choose is checked too, against the section the choose is in.
    expect(() =>
      harness('<policies><backend><choose><when condition="@(true)"><include-fragment fragment-id="Store" /></when></choose></backend></policies>', { fragments: { Store: store } }),
    ).toThrow(/^Store\.xml:2:3: <cache-store> is not allowed in <backend>; .*included in <backend> at operation\.xml:1:/);
    // Where every policy is allowed, it loads; policies that build return-response's answer are not section policies.
    expect(() => harness('<policies><outbound><include-fragment fragment-id="Store" /></outbound></policies>', { fragments: { Store: store } })).not.toThrow();
    const answer = '<fragment><return-response><set-status code="418" reason="Teapot" /><set-body>tea</set-body></return-response></fragment>';
    expect(() => harness('<policies><backend><include-fragment fragment-id="Answer" /></backend></policies>', { fragments: { Answer: answer } })).not.toThrow();
  });

  it('LastError of a fault in a fragment included in inbound and in outbound names the section it ran in and the whole path', async () => {
    const failing = `<fragment>
      <set-variable name="seen" value="yes" />
      <choose>
        <when condition="@(context.Variables.ContainsKey(&quot;outbound&quot;))">
          <set-variable name="boom" value="@(int.Parse(&quot;not a number&quot;))" />
        </when>
      </choose>
    </fragment>`;
    const h = harness(
      `<policies>
        <inbound><include-fragment fragment-id="Failing" /></inbound>
        <backend />
        <outbound><set-variable name="outbound" value="1" /><include-fragment fragment-id="Failing" /></outbound>
        <on-error>
          <set-header name="x-section" exists-action="override"><value>@(context.LastError.Section)</value></set-header>
          <set-header name="x-path" exists-action="override"><value>@(context.LastError.Path)</value></set-header>
          <set-header name="x-scope" exists-action="override"><value>@(context.LastError.Scope)</value></set-header>
          <set-header name="x-source" exists-action="override"><value>@(context.LastError.Source)</value></set-header>
        </on-error>
      </policies>`,
      { fragments: { Failing: failing } },
    );
    const response = await h.send();
    expect(response.status).toBe(500);
    expect(response.header('x-section')).toBe('outbound');
    expect(response.header('x-path')).toBe('include-fragment[2]\\choose[2]\\when[1]\\set-variable[1]');
    expect(response.header('x-scope')).toBe('operation');
    expect(response.header('x-source')).toBe('set-variable');
  });
});

