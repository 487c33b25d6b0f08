// context members expressions read that no policy test covers on its way: Elapsed, Tracing, Trace(), Api.
import { ApiInfo, SubscriptionKeyParameterNames, Url } from '@apimx/parser';
import { describe, expect, it } from 'vitest';
import { policies, routing } from '../policies/routing/support.ts';

describe('context members', () => {
  it('context.Elapsed: the time since the request arrived, on the injected clock', async () => {
    // retry waits 5 s between its runs (routing's sleep moves the ManualClock instead of waiting).
    const routed = routing(
      policies(
        `<set-variable name="start" value="@(context.Elapsed.TotalSeconds)" />
         <retry condition="@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;n&quot;, 0) &lt; 2)" count="1" interval="5">
           <set-variable name="n" value="@(context.Variables.GetValueOrDefault&lt;int&gt;(&quot;n&quot;, 0) + 1)" />
         </retry>
         <set-variable name="after" value="@(context.Elapsed.TotalSeconds)" />
         <set-variable name="elapsed" value="@(context.Elapsed)" />
         <return-response />`,
        '',
      ),
    );
    const { ctx } = await routed.run();
    expect(routed.waits).toEqual([5000]);
    expect(ctx.Variables.get('start')).toBe(0);
    expect(ctx.Variables.get('after')).toBe(5);
    expect(ctx.Variables.typeOf('elapsed')).toBe('TimeSpan');
  });

  it('context.Tracing is what the host says for the request', async () => {
    const routed = routing(policies('<set-variable name="t" value="@(context.Tracing)" /><return-response />', ''));
    expect((await routed.run({}, { tracing: true })).ctx.Variables.get('t')).toBe(true);
    expect((await routed.run({}, { tracing: false })).ctx.Variables.get('t')).toBe(false);
    expect((await routed.run()).ctx.Variables.get('t')).toBe(false);
  });

  it('context.Trace(message) writes to the request trace', async () => {
    const routed = routing(policies('<set-variable name="x" value="@{ context.Trace(&quot;checked &quot; + context.Request.Method); return 1; }" /><return-response />', ''));
    const { ctx } = await routed.run({ method: 'PUT' });
    expect(ctx.traces).toEqual([{ source: 'context.Trace', severity: 'verbose', message: 'checked PUT' }]);
  });

  it('context.Api: the API the gateway matched (id, name, path, service URL, key names, version)', async () => {
    const api = new ApiInfo({
      Id: 'echo-api',
      Name: 'Echo API',
      Path: 'echo',
      Protocols: ['https'],
      ServiceUrl: Url.parse('https://backend.example:8443/base'),
      SubscriptionKeyParameterNames: new SubscriptionKeyParameterNames({ Header: 'api-key', Query: 'key' }),
      Version: 'v2',
      Revision: '3',
      IsCurrentRevision: false,
    });
    const routed = routing(
      policies(
        `<set-variable name="a" value="@(string.Join(&quot;|&quot;, context.Api.Id, context.Api.Name, context.Api.Path, context.Api.ServiceUrl?.Host, context.Api.ServiceUrl?.Port, context.Api.SubscriptionKeyParameterNames.Header, context.Api.SubscriptionKeyParameterNames.Query, context.Api.Version, context.Api.Revision, context.Api.IsCurrentRevision, context.Api.Protocols.First()))" />
         <return-response />`,
        '',
      ),
    );
    expect((await routed.run({}, { api })).ctx.Variables.get('a')).toBe('echo-api|Echo API|echo|backend.example|8443|api-key|key|v2|3|False|https');
    // Outside any API (a request the gateway could not match), the members are empty, not missing.
    const outside = (await routed.run()).ctx.Variables.get('a');
    expect(outside).toBe('|||||Ocp-Apim-Subscription-Key|subscription-key||1|True|https');
  });
});
