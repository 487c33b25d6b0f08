// The runtime alone: a 10-policy document (headers, variables, choose, an in-process mocked backend) run end to
// end per request, median µs per request (target ≤ 20 µs), next to an empty document as the baseline.
import { parsePolicyDocument, type PoliciesDocument } from '../packages/parser/src/index.ts';
import { HeaderMap } from '../packages/runtime/src/http/header-map.ts';
import { memoryServices } from '../packages/runtime/src/memory-services.ts';
import type { Pipeline } from '../packages/runtime/src/pipeline/pipeline.ts';
import { Runtime } from '../packages/runtime/src/runtime.ts';

const TEN_POLICIES = `<policies>
  <inbound>
    <set-variable name="user" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-user-id&quot;, &quot;anonymous&quot;))" />
    <set-variable name="isMobile" value="@(context.Request.Headers.GetValueOrDefault(&quot;User-Agent&quot;,&quot;&quot;).Contains(&quot;iPhone&quot;))" />
    <set-header name="x-request-user" exists-action="override"><value>@((string)context.Variables["user"])</value></set-header>
    <set-header name="x-gateway" exists-action="override"><value>apimx</value></set-header>
    <set-query-parameter name="api-version" exists-action="skip"><value>2024-10-21</value></set-query-parameter>
    <choose>
      <when condition="@(context.Variables.GetValueOrDefault&lt;bool&gt;(&quot;isMobile&quot;))">
        <set-header name="x-client" exists-action="override"><value>mobile</value></set-header>
      </when>
      <otherwise>
        <set-header name="x-client" exists-action="override"><value>desktop</value></set-header>
      </otherwise>
    </choose>
    <set-header name="x-remove-me" exists-action="delete" />
  </inbound>
  <backend>
    <return-response>
      <set-status code="200" reason="OK" />
      <set-header name="Content-Type" exists-action="override"><value>application/json</value></set-header>
      <set-body>{"ok":true}</set-body>
    </return-response>
  </backend>
  <outbound />
</policies>`;

const EMPTY = '<policies><inbound /><backend /><outbound /></policies>';

function load(runtime: Runtime, xml: string): Pipeline {
  const parsed = parsePolicyDocument(xml, { file: 'bench.xml', namedValues: {} });
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return runtime.load([{ scope: 'api', document: parsed.document as PoliciesDocument }]);
}

async function medianMicros(runtime: Runtime, pipeline: Pipeline, requests: number): Promise<number> {
  const identity = { api: null, operation: null, product: null, subscription: null, user: null };
  const batch = 200;
  const samples: number[] = [];
  for (let done = 0; done < requests; done += batch) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) {
      await runtime.handle(
        pipeline,
        {
          method: 'POST',
          url: 'https://apimx.local/openai/deployments/gpt-4o/chat/completions',
          headers: new HeaderMap({ 'x-user-id': 'alice', 'User-Agent': 'bench/1.0', 'x-remove-me': '1' }),
          clientIp: '127.0.0.1',
        },
        identity,
      );
    }
    samples.push(((performance.now() - started) * 1000) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function benchRuntime(): Promise<string[]> {
  const runtime = new Runtime({ services: memoryServices() });
  const ten = load(runtime, TEN_POLICIES);
  const empty = load(runtime, EMPTY);
  await medianMicros(runtime, ten, 20_000); // warm-up
  await medianMicros(runtime, empty, 20_000);
  const tenMicros = await medianMicros(runtime, ten, 100_000);
  const emptyMicros = await medianMicros(runtime, empty, 100_000);
  return [
    `  10-policy document (variables, headers, query, choose, return-response): ${tenMicros.toFixed(2)} µs/request (median of 200-request batches; target ≤ 20 µs: ${tenMicros <= 20 ? 'met' : 'NOT met'})`,
    `  empty document (baseline): ${emptyMicros.toFixed(2)} µs/request`,
  ];
}
