// The policy runs recorded for the request trace (recordPolicies): one entry per policy in order, how each ended,
// the variables each set (a nested run's variables count for the enclosing run too), whether the steps were
// synchronous or waited on a promise.
import { describe, expect, it } from 'vitest';
import { HeaderMap } from '../../src/http/header-map.ts';
import { memoryServices } from '../../src/memory-services.ts';
import { ManualClock } from '../../src/clock.ts';
import { Runtime } from '../../src/runtime.ts';
import type { ScopedDocument } from '../../src/pipeline/scopes.ts';
import type { PolicyImplementation } from '../../src/policies/types.ts';
import { parse } from '../support/run-policy.ts';
import { gatePolicies, settle } from '../policies/limits/support.ts';

const IDENTITY = { api: null, operation: null, product: null, subscription: null, user: null };

function load(xml: string, policies?: ReadonlyMap<string, PolicyImplementation>) {
  const runtime = new Runtime({ services: memoryServices(new ManualClock(0)), policies });
  const chain: ScopedDocument[] = [{ scope: 'operation', document: parse(xml) }];
  const pipeline = runtime.load(chain, new Map());
  const request = { method: 'GET', url: 'https://apimx.local/op', headers: new HeaderMap({}), clientIp: '127.0.0.1' };
  return () => runtime.run(pipeline, request, IDENTITY, { recordPolicies: true });
}

const summary = (runs: readonly { section: string; policy: string; path: string; outcome: string; variablesSet: string[] }[]) =>
  runs.map((r) => `${r.section} ${r.path} ${r.outcome} [${r.variablesSet.join(',')}]`);

describe('recorded policy runs', () => {
  it('records each policy in order with the variables it set; a nested policy reports to its parent too', async () => {
    const run = load(`<policies>
      <inbound>
        <set-variable name="a" value="1" />
        <choose><when condition="@(true)"><set-variable name="b" value="2" /><set-variable name="c" value="3" /></when></choose>
        <return-response><set-status code="204" reason="No Content" /></return-response>
      </inbound>
      <backend /><outbound><set-variable name="never" value="x" /></outbound>
    </policies>`);
    const { response, context } = await run();
    expect(response.status).toBe(204);
    expect(summary(context.policyRuns!)).toEqual([
      'inbound set-variable[1] ok [a]',
      'inbound choose[2] ok [b,c]',
      'inbound choose[2]\\when[1]\\set-variable[1] ok [b]',
      'inbound choose[2]\\when[1]\\set-variable[2] ok [c]',
      'inbound return-response[3] ended-flow []',
      'inbound return-response[3]\\set-status[1] ok []',
    ]);
    expect(context.policyRuns!.every((r) => r.durationMs >= 0)).toBe(true);
  });

  it('a failing policy is recorded as an error with its reason; on-error runs are recorded on their own', async () => {
    const run = load(`<policies>
      <inbound><set-variable name="n" value="@(int.Parse(&quot;x&quot;))" /></inbound>
      <backend /><outbound />
      <on-error><set-variable name="handled" value="yes" /></on-error>
    </policies>`);
    const { response, context } = await run();
    expect(response.status).toBe(500);
    expect(summary(context.policyRuns!)).toEqual(['inbound set-variable[1] error []', 'on-error set-variable[1] ok [handled]']);
    expect(context.policyRuns![0]!.error).toMatch(/^ExpressionValueEvaluationFailure: /);
  });

  it('a policy that waits is recorded when its promise settles, and the runs after it still run', async () => {
    const { policies, waiting } = gatePolicies();
    const run = load(`<policies>
      <inbound>
        <set-variable name="before" value="1" />
        <trace source="gate"><message>m</message></trace>
        <set-variable name="after" value="2" />
        <return-response><set-status code="200" reason="OK" /></return-response>
      </inbound>
      <backend /><outbound />
    </policies>`, policies);
    const pending = run();
    await settle();
    expect(waiting).toHaveLength(1);
    waiting[0]!();
    const { context } = await pending;
    expect(summary(context.policyRuns!)).toEqual([
      'inbound set-variable[1] ok [before]',
      'inbound trace[2] ok []',
      'inbound set-variable[3] ok [after]',
      'inbound return-response[4] ended-flow []',
      'inbound return-response[4]\\set-status[1] ok []',
    ]);
    expect(context.policyRuns!.every((r) => r.durationMs >= 0)).toBe(true);
  });
});
