// The runtime alone: a 10-policy document (headers, variables, choose, and a forward-request to a mocked
// in-process backend) run end to end per request, median µs per request (target ≤ 20 µs), next to an empty
// document as the baseline. The backend is a Forwarder whose forward() answers in process (no socket), so the
// forwarding path of the runtime is measured: forward-request reading the request and its options, the backend
// answer becoming context.Response, outbound reading it, the response handed back.
import { parsePolicyDocument, type PoliciesDocument } from '../packages/parser/src/index.ts';
import { Forwarder, type ForwardOptions, type ForwardResult } from '../packages/runtime/src/http/forwarder.ts';
import { HeaderMap } from '../packages/runtime/src/http/header-map.ts';
import type { GatewayRequest } from '../packages/runtime/src/http/types.ts';
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
    <forward-request timeout="60" />
  </backend>
  <outbound>
    <set-header name="x-backend-status" exists-action="override"><value>@(context.Response.StatusCode.ToString())</value></set-header>
    <set-header name="x-served-for" exists-action="override"><value>@((string)context.Variables["user"])</value></set-header>
  </outbound>
</policies>`;

const ANSWER = Buffer.from('{"ok":true}');
const BACKEND = 'http://backend.local';
const PATH = '/openai/deployments/gpt-4o/chat/completions';

/** The mocked backend: answers every forward in process with a small JSON body, as a backend on loopback would. */
class InProcessBackend extends Forwarder {
  override async forward(request: GatewayRequest, target: string = request.url, _options: ForwardOptions = {}): Promise<ForwardResult> {
    return {
      status: 200,
      reason: 'OK',
      headers: new HeaderMap({ 'Content-Type': 'application/json', 'Content-Length': String(ANSWER.byteLength) }),
      body: ANSWER,
      url: target,
    };
  }
}

const EMPTY = '<policies><inbound /><backend /><outbound /></policies>';

function load(runtime: Runtime, xml: string): Pipeline {
  const parsed = parsePolicyDocument(xml, { file: 'bench.xml', namedValues: {} });
  if (parsed.errors.length > 0) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return runtime.load([{ scope: 'api', document: parsed.document as PoliciesDocument }]);
}

async function medianMicros(runtime: Runtime, pipeline: Pipeline, requests: number, recordPolicies = false): Promise<number> {
  const identity = { api: null, operation: null, product: null, subscription: null, user: null, serviceUrl: BACKEND, backendUrl: `${BACKEND}${PATH}` };
  const batch = 200;
  const samples: number[] = [];
  for (let done = 0; done < requests; done += batch) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) {
      await runtime.run(
        pipeline,
        {
          method: 'POST',
          url: `https://apimx.local${PATH}`,
          headers: new HeaderMap({ 'x-user-id': 'alice', 'User-Agent': 'bench/1.0', 'x-remove-me': '1' }),
          clientIp: '127.0.0.1',
        },
        identity,
        { recordPolicies },
      );
    }
    samples.push(((performance.now() - started) * 1000) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function benchRuntime(): Promise<string[]> {
  const runtime = new Runtime({ services: { ...memoryServices(), forwarder: new InProcessBackend() } });
  const ten = load(runtime, TEN_POLICIES);
  const empty = load(runtime, EMPTY);
  await checkWiring(runtime, ten);
  await medianMicros(runtime, ten, 20_000); // warm-up
  await medianMicros(runtime, empty, 20_000);
  const tenMicros = await medianMicros(runtime, ten, 100_000);
  const emptyMicros = await medianMicros(runtime, empty, 100_000);
  // The gateway records every policy run for its request traces unless traceCapacity is 0.
  await medianMicros(runtime, ten, 20_000, true);
  const recordedMicros = await medianMicros(runtime, ten, 100_000, true);
  return [
    `  10-policy document (variables, headers, query, choose, forward-request to an in-process backend, outbound headers): ${tenMicros.toFixed(2)} µs/request (median of 200-request batches; target ≤ 20 µs: ${tenMicros <= 20 ? 'met' : 'NOT met'})`,
    `  the same, each policy run recorded for the request trace (the gateway's default): ${recordedMicros.toFixed(2)} µs/request`,
    `  empty document (baseline): ${emptyMicros.toFixed(2)} µs/request`,
  ];
}

/** The measured path must be the forwarding one: the backend answered and outbound saw its status. */
async function checkWiring(runtime: Runtime, pipeline: Pipeline): Promise<void> {
  const response = await runtime.handle(
    pipeline,
    { method: 'POST', url: `https://apimx.local${PATH}`, headers: new HeaderMap({ 'x-user-id': 'alice' }), clientIp: '127.0.0.1' },
    { api: null, operation: null, product: null, subscription: null, user: null, serviceUrl: BACKEND, backendUrl: `${BACKEND}${PATH}` },
  );
  if (response.status !== 200 || response.headers.first('x-backend-status') !== '200' || response.headers.first('x-served-for') !== 'alice') {
    throw new Error(`the 10-policy document did not go through the in-process backend (status ${response.status})`);
  }
}
