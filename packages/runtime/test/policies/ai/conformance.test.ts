// Spec §9 T1–T6: the documented token-limit and token-metric examples, over a real loopback upstream that
// answers like OpenAI, on a ManualClock.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parsePolicyDocument, SubscriptionInfo } from '@apimx/parser';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBackendRegistry } from '../../../src/backends/index.ts';
import { ManualClock } from '../../../src/clock.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { gateway, openAiUpstream, START, usage, type Gateway } from './support.ts';

const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});
async function start(...args: Parameters<typeof gateway>): Promise<Gateway> {
  const g = await gateway(...args);
  open.push(g);
  return g;
}

const api = { Id: 'echo-api', Name: 'Echo', Path: 'echo', Protocols: ['https'], ServiceUrl: null, SubscriptionKeyParameterNames: { Header: 'h', Query: 'q' }, IsCurrentRevision: true, Revision: '1', Version: null };
const user = { Id: 'user-7', Email: 'u@example.com', FirstName: 'U', LastName: 'Ser', Note: null, RegistrationDate: 0, Groups: [], Identities: [] };
const subscription = (id: string) => new SubscriptionInfo({ Id: id, Name: id });

const REMAINING_HEADER = '<set-header name="x-remaining" exists-action="override"><value>@(context.Variables["remainingTokens"].ToString())</value></set-header>';

describe.each(['azure-openai-token-limit', 'llm-token-limit'])('%s per-IP tokens per minute', (element) => {
  const id = element === 'azure-openai-token-limit' ? 'T1' : 'T2';
  it(`${id} ${element}: 5000 tokens/min per IP from the actual usage; the crossing request passes, the next gets 429 with Retry-After`, async () => {
    const g = await start({
      inbound: `<${element} counter-key="@(context.Request.IpAddress)" tokens-per-minute="5000" estimate-prompt-tokens="false" remaining-tokens-variable-name="remainingTokens" />`,
      outbound: REMAINING_HEADER,
    });
    g.upstream.reply = { kind: 'json', usage: usage(1000, 2000) };
    const first = await g.send({ clientIp: '10.0.0.1' });
    expect(first.status).toBe(200);
    expect(first.header('x-remaining')).toBe('2000');
    // 2000 left: this one passes and takes the counter to -1000 (overshoot).
    const crossing = await g.send({ clientIp: '10.0.0.1' });
    expect(crossing.status).toBe(200);
    expect(crossing.header('x-remaining')).toBe('0');
    const refused = await g.send({ clientIp: '10.0.0.1' });
    expect(refused.status).toBe(429);
    // 1001 tokens needed at 5000/60 s = 12.012 s, rounded up.
    expect(refused.header('Retry-After')).toBe('13');
    expect(JSON.parse(refused.text)).toEqual({ statusCode: 429, message: 'Token limit is exceeded. Try again in 13 seconds.' });
    expect(g.upstream.bodies).toHaveLength(2);
    // Another IP has its own counter.
    expect((await g.send({ clientIp: '10.0.0.2' })).status).toBe(200);
    g.clock.advanceSeconds(12);
    expect((await g.send({ clientIp: '10.0.0.1' })).status).toBe(429);
    g.clock.advanceSeconds(1);
    expect((await g.send({ clientIp: '10.0.0.1' })).status).toBe(200);
  });
});

describe('T3 llm-token-limit quota', () => {
  // The page's own example omits estimate-prompt-tokens, which its attribute table marks Required: Yes with no
  // default, in every revision (2024-08 to 2026-04; azure-openai-token-limit likewise), and every deployed policy
  // in the corpus sets it. apimx follows the table: the example as printed is refused, naming the attribute.
  const DOCUMENTED_T3 = `<policies>
    <inbound>
        <base />
        <llm-token-limit
            counter-key="@(context.Subscription.Id)"
            token-quota="100000" token-quota-period="Monthly" remaining-quota-tokens-variable-name="remainingQuotaTokens" />
    </inbound>
    <outbound>
        <base />
    </outbound>
</policies>`;

  it('T3 llm-token-limit: the documented example as printed is refused at load: estimate-prompt-tokens is required (APIM\'s attribute table)', () => {
    const result = parsePolicyDocument(DOCUMENTED_T3, { file: 'llm-token-limit-policy.md' });
    expect(result.errors.map((e) => e.message)).toEqual([
      "llm-token-limit-policy.md:4:9: <llm-token-limit> is missing required attribute 'estimate-prompt-tokens'",
    ]);
    const completed = DOCUMENTED_T3.replace('remaining-quota-tokens-variable-name', 'estimate-prompt-tokens="false" remaining-quota-tokens-variable-name');
    expect(parsePolicyDocument(completed, { file: 'llm-token-limit-policy.md' }).errors).toEqual([]);
  });

  it('T3 llm-token-limit: a monthly quota per subscription, the remaining quota in a variable, 403 once exceeded, renewed on the 1st (UTC)', async () => {
    const g = await start({
      inbound:
        '<llm-token-limit counter-key="@(context.Subscription.Id)" token-quota="100000" token-quota-period="Monthly" estimate-prompt-tokens="false" remaining-quota-tokens-variable-name="remainingQuotaTokens" />',
      outbound: '<set-header name="x-quota" exists-action="override"><value>@(context.Variables["remainingQuotaTokens"].ToString())</value></set-header>',
    });
    g.upstream.reply = { kind: 'json', usage: usage(50_000, 10_000) };
    const one = { identity: { subscription: subscription('sub-1') } };
    g.clock.set(Date.UTC(2026, 0, 20, 12));
    const first = await g.send(one);
    expect(first.status).toBe(200);
    expect(first.header('x-quota')).toBe('40000');
    expect((await g.send(one)).status).toBe(200);
    const refused = await g.send(one);
    expect(refused.status).toBe(403);
    // Until 2026-02-01T00:00Z: 11.5 days.
    expect(refused.header('Retry-After')).toBe(String(11.5 * 86_400));
    expect(JSON.parse(refused.text)).toEqual({ statusCode: 403, message: `Token quota is exceeded. Quota will be replenished in ${11.5 * 86_400} seconds.` });
    expect((await g.send({ identity: { subscription: subscription('sub-2') } })).status).toBe(200);
    g.clock.set(Date.UTC(2026, 1, 1) - 1000);
    expect((await g.send(one)).status).toBe(403);
    g.clock.set(Date.UTC(2026, 1, 1));
    expect((await g.send(one)).status).toBe(200);
  });
});

describe('T4 token-rate-limiting lab', () => {
  it('T4 lab policy (corpus, unchanged but its backend id): ~60-token calls succeed until 100 tokens/min are used, then 429 until the bucket refills', async () => {
    const lab = readFileSync(resolve(import.meta.dirname, '../../../../../../shared/corpus/ai-gateway/labs/token-rate-limiting/policy.xml'), 'utf8');
    const upstream = await openAiUpstream({ kind: 'json', usage: usage(22, 38) });
    const clock = new ManualClock(START);
    const services = { ...memoryServices(clock), backends: new MemoryBackendRegistry({ openai: { url: `${upstream.server.url}/openai`, protocol: 'http' } }) };
    const g = await start({ document: lab.replaceAll('{backend-id}', 'openai') }, { upstream, services, clock });
    const sub = { identity: { subscription: subscription('lab-sub'), serviceUrl: 'https://api.example/openai', backendUrl: 'https://api.example/openai/deployments/gpt-4o/chat/completions' } };
    // One call per second for 30 s, as the lab's loop does: the status sequence it plots.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      statuses.push((await g.send(sub)).status);
      g.clock.advanceSeconds(1);
    }
    expect(statuses.slice(0, 3)).toEqual([200, 200, 429]);
    // 60 tokens a call against 100/min refilled continuously: at most 100 + 30 s × 100/60 ≈ 150 tokens in 30 s.
    const passed = statuses.filter((s) => s === 200).length;
    expect(passed).toBe(3);
    expect(upstream.bodies).toHaveLength(passed);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
  });
});

describe('T5 / T6 token metrics', () => {
  it('T5 azure-openai-emit-token-metric: Total, Prompt and Completion Tokens in AzureOpenAI with User ID, Client IP and API ID', async () => {
    const g = await start({
      inbound:
        '<azure-openai-emit-token-metric namespace="AzureOpenAI"><dimension name="User ID" /><dimension name="Client IP" value="@(context.Request.IpAddress)" /><dimension name="API ID" /></azure-openai-emit-token-metric>',
    });
    g.upstream.reply = { kind: 'json', usage: usage(12, 7) };
    expect((await g.send({ clientIp: '10.9.8.7', identity: { api, user } })).status).toBe(200);
    const dimensions = { 'User ID': 'user-7', 'Client IP': '10.9.8.7', 'API ID': 'echo-api' };
    expect(g.sink.records).toEqual([
      { name: 'Total Tokens', namespace: 'AzureOpenAI', value: 19, dimensions, timestamp: START },
      { name: 'Prompt Tokens', namespace: 'AzureOpenAI', value: 12, dimensions, timestamp: START },
      { name: 'Completion Tokens', namespace: 'AzureOpenAI', value: 7, dimensions, timestamp: START },
    ]);
  });

  it('T6 llm-emit-token-metric: namespace MyLLM, API ID filled by the gateway', async () => {
    const g = await start({ inbound: '<llm-emit-token-metric namespace="MyLLM"><dimension name="API ID" /></llm-emit-token-metric>' });
    g.upstream.reply = { kind: 'json', usage: usage(5, 3) };
    await g.send({ identity: { api } });
    expect(g.sink.records.map((r) => [r.name, r.namespace, r.value, r.dimensions])).toEqual([
      ['Total Tokens', 'MyLLM', 8, { 'API ID': 'echo-api' }],
      ['Prompt Tokens', 'MyLLM', 5, { 'API ID': 'echo-api' }],
      ['Completion Tokens', 'MyLLM', 3, { 'API ID': 'echo-api' }],
    ]);
  });

  const custom = (n: number) => Array.from({ length: n }, (_, i) => `<dimension name="d${i}" value="v${i}" />`).join('');

  it('T6 negative: six custom dimensions exceed llm-emit-token-metric\'s documented maximum of five', async () => {
    await expect(start({ inbound: `<llm-emit-token-metric namespace="MyLLM"><dimension name="API ID" />${custom(6)}</llm-emit-token-metric>` })).rejects.toThrow(
      'llm-emit-token-metric: at most 5 custom dimensions are allowed, found 6',
    );
    // Five custom ones plus default ones are fine.
    await expect(start({ inbound: `<llm-emit-token-metric><dimension name="API ID" /><dimension name="User ID" />${custom(5)}</llm-emit-token-metric>` })).resolves.toBeDefined();
  });

  it('azure-openai-emit-token-metric keeps its own page\'s limit of 10 custom dimensions', async () => {
    await expect(start({ inbound: `<azure-openai-emit-token-metric>${custom(6)}</azure-openai-emit-token-metric>` })).resolves.toBeDefined();
  });
});
