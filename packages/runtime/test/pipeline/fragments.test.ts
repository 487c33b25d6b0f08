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
});
