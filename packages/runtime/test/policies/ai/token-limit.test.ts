// llm-token-limit beyond the documented examples: estimate true vs false, the overshoot rule, reconciliation,
// every header and variable, quota windows, shared counters, concurrency and images.
import { SubscriptionInfo } from '@apimx/parser';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import { estimatePromptTokens } from '../../../src/tokens/index.ts';
import { chatBody, gateway, openAiUpstream, usage, type Gateway } from './support.ts';

const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});
async function start(...args: Parameters<typeof gateway>): Promise<Gateway> {
  const g = await gateway(...args);
  open.push(g);
  return g;
}

/** The estimator's count for a chat body, as the policy computes it for the chat completions path. */
async function estimateOf(body: object): Promise<number> {
  return (await estimatePromptTokens(body, { api: 'chat' })).tokens;
}

const HEADERS = 'remaining-tokens-header-name="x-remaining" remaining-quota-tokens-header-name="x-quota" tokens-consumed-header-name="x-consumed"';

describe('estimate-prompt-tokens', () => {
  it('true: the prompt is taken before forwarding; a prompt that does not fit is refused without calling the backend', async () => {
    const prompt = await estimateOf(chatBody());
    expect(prompt).toBeGreaterThan(5);
    const g = await start({ inbound: `<llm-token-limit counter-key="k" tokens-per-minute="${2 * prompt + 5}" estimate-prompt-tokens="true" ${HEADERS} />` });
    g.upstream.reply = { kind: 'json', usage: usage(prompt, 10) };
    const first = await g.send();
    expect(first.status).toBe(200);
    // Estimate taken (prompt), then reconciled with the actual prompt + 10 completion tokens.
    expect(first.header('x-remaining')).toBe(String(prompt - 5));
    expect(first.header('x-consumed')).toBe(String(prompt + 10));
    const refused = await g.send();
    expect(refused.status).toBe(429);
    expect(g.upstream.bodies).toHaveLength(1);
  });

  it('false: a request passes while the key is not over, whatever its size; the overshoot then refuses later requests', async () => {
    const prompt = await estimateOf(chatBody());
    const g = await start({ inbound: `<llm-token-limit counter-key="k" tokens-per-minute="${2 * prompt + 5}" estimate-prompt-tokens="false" ${HEADERS} />` });
    g.upstream.reply = { kind: 'json', usage: usage(prompt, 10) };
    expect((await g.send()).status).toBe(200);
    const crossing = await g.send();
    expect(crossing.status).toBe(200);
    expect(crossing.header('x-remaining')).toBe('0');
    const refused = await g.send();
    expect(refused.status).toBe(429);
    expect(refused.header('x-remaining')).toBe('0');
    expect(g.upstream.bodies).toHaveLength(2);
  });

  it('reconciles an over-estimate: what the backend reports is what stays counted', async () => {
    const g = await start({ inbound: `<llm-token-limit counter-key="k" tokens-per-minute="1000" estimate-prompt-tokens="true" ${HEADERS} />` });
    g.upstream.reply = { kind: 'json', usage: usage(3, 0) };
    const response = await g.send({ body: chatBody('word '.repeat(200)) });
    expect(response.header('x-remaining')).toBe('997');
    expect(response.header('x-consumed')).toBe('3');
  });

  it('[UNCONFIRMED] an error response without usage gives the estimate back', async () => {
    const g = await start({ inbound: `<llm-token-limit counter-key="k" tokens-per-minute="1000" estimate-prompt-tokens="true" ${HEADERS} />` });
    g.upstream.reply = { kind: 'json', status: 500 };
    const response = await g.send();
    expect(response.status).toBe(500);
    expect(response.header('x-remaining')).toBe('1000');
    expect(response.header('x-consumed')).toBe('0');
  });

  it('images count 1200 tokens each in the estimate', async () => {
    const text = chatBody('What is in this picture?');
    const image = chatBody('What is in this picture?');
    (image as { messages: { content: unknown }[] }).messages[0]!.content = [
      { type: 'text', text: 'What is in this picture?' },
      { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
    ];
    const g = await start({
      document:
        `<policies><inbound><llm-token-limit counter-key="k" tokens-per-minute="100000" estimate-prompt-tokens="true" tokens-consumed-variable-name="consumed" /></inbound>` +
        '<backend><set-variable name="inBackend" value="@((int)context.Variables[&quot;consumed&quot;])" /><base /></backend>' +
        '<outbound><set-header name="x-backend" exists-action="override"><value>@(context.Variables["inBackend"].ToString())</value></set-header></outbound></policies>',
    });
    const withImage = Number((await g.send({ body: image })).header('x-backend'));
    const withoutImage = Number((await g.send({ body: text })).header('x-backend'));
    expect(withImage).toBe(await estimateOf(image));
    expect(withImage - withoutImage).toBeGreaterThanOrEqual(1200);
    expect(withImage - withoutImage).toBeLessThan(1210);
  });
});

describe('headers and variables', () => {
  it('tokens-consumed: the estimate (or 0) in backend, the reported prompt + completion in outbound and in its header', async () => {
    const body = chatBody('Count me, please.');
    const prompt = await estimateOf(body);
    const document = (estimate: boolean) =>
      `<policies><inbound><llm-token-limit counter-key="k" tokens-per-minute="100000" estimate-prompt-tokens="${estimate}" tokens-consumed-variable-name="consumed" tokens-consumed-header-name="x-consumed" /></inbound>` +
      '<backend><set-variable name="inBackend" value="@((int)context.Variables[&quot;consumed&quot;])" /><base /></backend>' +
      '<outbound><set-header name="x-seen" exists-action="override"><value>@(context.Variables["inBackend"] + "/" + context.Variables["consumed"])</value></set-header></outbound></policies>';
    const estimating = await start({ document: document(true) });
    estimating.upstream.reply = { kind: 'json', usage: usage(40, 2) };
    const a = await estimating.send({ body });
    expect(a.header('x-seen')).toBe(`${prompt}/42`);
    expect(a.header('x-consumed')).toBe('42');
    const counting = await start({ document: document(false) });
    counting.upstream.reply = { kind: 'json', usage: usage(40, 2) };
    expect((await counting.send({ body })).header('x-seen')).toBe('0/42');
  });

  it('retry-after under its custom header name and in a variable on-error can read; remaining tokens and quota in headers and variables', async () => {
    const g = await start({
      document:
        '<policies><inbound><llm-token-limit counter-key="k" tokens-per-minute="100" token-quota="1000" token-quota-period="Hourly" estimate-prompt-tokens="false" ' +
        'retry-after-header-name="x-retry" retry-after-variable-name="wait" remaining-tokens-variable-name="left" remaining-quota-tokens-variable-name="quotaLeft" ' +
        `${HEADERS} /></inbound><backend><base /></backend>` +
        '<outbound><set-header name="x-vars" exists-action="override"><value>@(context.Variables["left"] + "/" + context.Variables["quotaLeft"])</value></set-header></outbound>' +
        '<on-error><set-header name="x-wait" exists-action="override"><value>@(context.Variables["wait"].ToString())</value></set-header></on-error></policies>',
    });
    g.upstream.reply = { kind: 'json', usage: usage(60, 60) };
    const first = await g.send();
    expect([first.header('x-remaining'), first.header('x-quota'), first.header('x-consumed'), first.header('x-vars')]).toEqual(['0', '880', '120', '0/880']);
    const refused = await g.send();
    expect(refused.status).toBe(429);
    // 21 tokens missing at 100/60 s: 12.6 s.
    expect(refused.header('x-retry')).toBe('13');
    expect(refused.header('Retry-After')).toBeUndefined();
    expect(refused.header('x-wait')).toBe('13');
    expect(refused.header('x-remaining')).toBe('0');
    expect(refused.header('x-quota')).toBe('880');
  });

  it('a refused quota answers 403 with the time until the window renews; the rate is not charged', async () => {
    const g = await start({ inbound: `<llm-token-limit counter-key="k" tokens-per-minute="100000" token-quota="50" token-quota-period="Daily" estimate-prompt-tokens="true" ${HEADERS} />` });
    g.clock.set(Date.UTC(2026, 2, 18, 23, 0, 0));
    const refused = await g.send({ body: chatBody('word '.repeat(100)) });
    expect(refused.status).toBe(403);
    expect(refused.header('Retry-After')).toBe('3600');
    expect(refused.header('x-quota')).toBe('0');
    expect(g.upstream.bodies).toHaveLength(0);
  });
});

describe('quota periods: fixed UTC windows', () => {
  // 2026-03-18 is a Wednesday; weeks start on Monday (ISO 8601).
  const now = Date.UTC(2026, 2, 18, 10, 30);
  const cases = [
    ['Hourly', Date.UTC(2026, 2, 18, 11)],
    ['Daily', Date.UTC(2026, 2, 19)],
    ['Weekly', Date.UTC(2026, 2, 23)],
    ['Monthly', Date.UTC(2026, 3, 1)],
    ['Yearly', Date.UTC(2027, 0, 1)],
  ] as const;
  it.each(cases)('%s: refused until the window ends, allowed from its first instant', async (period, end) => {
    const g = await start({ inbound: `<llm-token-limit counter-key="q" token-quota="100" token-quota-period="${period}" estimate-prompt-tokens="false" />` });
    g.upstream.reply = { kind: 'json', usage: usage(90, 20) };
    g.clock.set(now);
    expect((await g.send()).status).toBe(200);
    const refused = await g.send();
    expect(refused.status).toBe(403);
    expect(refused.header('Retry-After')).toBe(String((end - now) / 1000));
    g.clock.set(end - 1);
    expect((await g.send()).status).toBe(403);
    g.clock.set(end);
    expect((await g.send()).status).toBe(200);
  });
});

describe('counters', () => {
  it('one counter per key value across APIs and both policy names', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1));
    const services = memoryServices(clock);
    const upstream = await openAiUpstream({ kind: 'json', usage: usage(80, 30) });
    const a = await start({ inbound: '<llm-token-limit counter-key="@(&quot;team-&quot; + context.Subscription.Id)" tokens-per-minute="100" estimate-prompt-tokens="false" />' }, { services, clock, upstream });
    const b = await gateway({ inbound: '<azure-openai-token-limit counter-key="team-s1" tokens-per-minute="100" estimate-prompt-tokens="false" />' }, { services, clock, upstream });
    const subscription = { identity: { subscription: new SubscriptionInfo({ Id: 's1', Name: 's1' }) } };
    expect((await a.send(subscription)).status).toBe(200);
    expect((await b.send()).status).toBe(429);
    // A different key value is a different counter.
    expect((await a.send({ identity: { subscription: new SubscriptionInfo({ Id: 's2', Name: 's2' }) } })).status).toBe(200);
  });

  it('two policies in one document (a rate per IP, a quota per subscription) each count the same usage', async () => {
    const g = await start({
      inbound:
        '<llm-token-limit counter-key="@(context.Request.IpAddress)" tokens-per-minute="1000" estimate-prompt-tokens="false" remaining-tokens-header-name="x-remaining" />' +
        '<llm-token-limit counter-key="@(context.Subscription.Id)" token-quota="5000" token-quota-period="Daily" estimate-prompt-tokens="false" remaining-quota-tokens-header-name="x-quota" />',
    });
    g.upstream.reply = { kind: 'json', usage: usage(300, 100) };
    const subscription = { identity: { subscription: new SubscriptionInfo({ Id: 's1', Name: 's1' }) } };
    const first = await g.send({ ...subscription, clientIp: '10.0.0.1' });
    expect([first.header('x-remaining'), first.header('x-quota')]).toEqual(['600', '4600']);
    const other = await g.send({ ...subscription, clientIp: '10.0.0.2' });
    expect([other.header('x-remaining'), other.header('x-quota')]).toEqual(['600', '4200']);
  });

  it('estimate true under concurrency: 20 simultaneous requests, exactly the ones that fit are admitted', async () => {
    const prompt = await estimateOf(chatBody());
    const g = await start({ inbound: `<llm-token-limit counter-key="k" tokens-per-minute="${prompt * 7}" estimate-prompt-tokens="true" />` });
    g.upstream.reply = { kind: 'json', usage: usage(prompt, 0) };
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => g.send()))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(7);
    expect(statuses.filter((s) => s === 429)).toHaveLength(13);
    expect(g.upstream.bodies).toHaveLength(7);
  });

  it('estimate false under concurrency: requests in flight together all pass (spec §3.1 item 8), all their usage is counted', async () => {
    const g = await start({ inbound: '<llm-token-limit counter-key="k" tokens-per-minute="600" estimate-prompt-tokens="false" />' });
    g.upstream.reply = { kind: 'json', usage: usage(50, 50) };
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => g.send()))).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const refused = await g.send();
    expect(refused.status).toBe(429);
    // 1000 counted against 600: 401 tokens missing at 10 tokens/s.
    expect(refused.header('Retry-After')).toBe('41');
  });
});
