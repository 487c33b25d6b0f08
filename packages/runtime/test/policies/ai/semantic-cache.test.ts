// Spec §3.3, T7–T9: llm-semantic-cache-lookup / -store and their azure-openai twins, through real policy XML, with
// the embeddings backend and the LLM on a real loopback upstream and the cache on a ManualClock. The upstream's
// embeddings come from vectors each test gives (exact distances at the threshold's edge).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SubscriptionInfo } from '@apimx/parser';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import type { ScopedDocument } from '../../../src/pipeline/scopes.ts';
import { createRedisStores, type RedisStores } from '../../../src/stores/redis/create-redis-stores.ts';
import { deleteKeysUnder, redisAnswers, redisUrl, runPrefix } from '../../stores/redis/redis-env.ts';
import { parse } from '../../support/run-policy.ts';
import { at, chat, degreesAtDistance, llmUpstream, sideCallGateway, START, tracesOf, type LlmUpstream } from './llm-side-calls.ts';

const CORPUS = resolve(import.meta.dirname, '../../../../../../shared/corpus/ai-gateway');
const GLOBAL = '<policies><inbound /><backend><forward-request /></backend><outbound /><on-error /></policies>';
const EMBEDDINGS = { url: '/openai/deployments/embeddings/embeddings' };

/** The operation document under a global scope whose backend forwards (APIM's default). */
function chain(xml: string): ScopedDocument[] {
  return [
    { scope: 'global', document: parse(GLOBAL, 'global.xml') },
    { scope: 'operation', document: parse(xml, 'operation.xml') },
  ];
}

const subscription = (id: string) => ({ subscription: new SubscriptionInfo({ Id: id, Name: id }) });

const PARIS = 'What is the capital of France?';
const PARIS_CLOSE = 'Tell me the capital of France';
const PARIS_FAR = 'Capital city of France, please';

let upstream: LlmUpstream;
beforeEach(async () => {
  upstream = await llmUpstream();
  upstream.vectors.set(PARIS, at(0));
  upstream.vectors.set(PARIS_CLOSE, at(degreesAtDistance(0.04)));
  upstream.vectors.set(PARIS_FAR, at(degreesAtDistance(0.06)));
});
afterEach(() => upstream.server.close());

const T7 = `<policies>
    <inbound>
        <base />
        <llm-semantic-cache-lookup
            score-threshold="0.05"
            embeddings-backend-id ="llm-backend"
            embeddings-backend-auth ="system-assigned" >
            <vary-by>@(context.Subscription.Id)</vary-by>
        </llm-semantic-cache-lookup>
        <rate-limit calls="10" renewal-period="60" />
    </inbound>
    <outbound>
        <llm-semantic-cache-store duration="60" />
        <base />
    </outbound>
</policies>`;

describe('T7 llm-semantic-cache-lookup / -store', () => {
  it('T7: a prompt within 0.05 of a cached one gets its response without the backend; 0.06 away, another subscription or 60 s later misses', async () => {
    const g = sideCallGateway(chain(T7), upstream, { 'llm-backend': EMBEDDINGS });
    const first = await g.send({ body: chat(PARIS), identity: subscription('sub-a') });
    expect(first.status).toBe(200);
    expect(first.header('x-answer')).toBe('1');
    expect(tracesOf(first.ctx, 'llm-semantic-cache-lookup')).toEqual(['cache miss: no cached prompt within 0.05']);

    const close = await g.send({ body: chat(PARIS_CLOSE), identity: subscription('sub-a') });
    expect(close.status).toBe(200);
    expect(close.text).toBe(first.text);
    expect(close.header('x-answer')).toBe('1');
    expect(close.header('content-type')).toBe('application/json');
    expect(tracesOf(close.ctx, 'llm-semantic-cache-lookup')[0]).toMatch(/^cache hit: a cached prompt at distance 0\.0400 /);
    expect(upstream.chats()).toHaveLength(1);

    const far = await g.send({ body: chat(PARIS_FAR), identity: subscription('sub-a') });
    expect(far.header('x-answer')).toBe('2');
    const otherSubscription = await g.send({ body: chat(PARIS), identity: subscription('sub-b') });
    expect(otherSubscription.header('x-answer')).toBe('3');
    expect(upstream.embeddings()).toHaveLength(4);

    g.clock.advanceSeconds(59);
    expect((await g.send({ body: chat(PARIS), identity: subscription('sub-a') })).header('x-answer')).toBe('1');
    g.clock.advanceSeconds(1);
    expect((await g.send({ body: chat(PARIS), identity: subscription('sub-a') })).header('x-answer')).toBe('4');
  });

  it('T7: the rate limit after the lookup counts misses only: the 11th miss in a minute gets 429, a hit still answers', async () => {
    const g = sideCallGateway(chain(T7), upstream, { 'llm-backend': EMBEDDINGS });
    for (let i = 0; i < 10; i++) expect((await g.send({ body: chat(`question ${i}`), identity: subscription('sub-c') })).status).toBe(200);
    expect((await g.send({ body: chat('question 10'), identity: subscription('sub-c') })).status).toBe(429);
    const hit = await g.send({ body: chat('question 3'), identity: subscription('sub-c') });
    expect(hit.status).toBe(200);
    expect(hit.json()).toMatchObject({ choices: [{ message: { content: 'answer #4 to question 3' } }] });
    expect(upstream.chats()).toHaveLength(10);
  });

  it('calls the embeddings backend at its URL with {"input": prompt}, authenticated with the backend\'s credentials', async () => {
    const g = sideCallGateway(chain(T7), upstream, {
      'llm-backend': { ...EMBEDDINGS, credentials: { header: { 'api-key': ['embeddings-key'] } } },
    });
    await g.send({ body: chat(PARIS), identity: subscription('sub-a') });
    const [call] = upstream.embeddings();
    expect(call!.path).toBe('/openai/deployments/embeddings/embeddings');
    expect(JSON.parse(call!.body)).toEqual({ input: PARIS });
    expect(call!.headers['api-key']).toBe('embeddings-key');
    expect(call!.headers['authorization']).toBeUndefined();
  });
});

const T8 = `<policies>
    <inbound>
        <base />
        <azure-openai-semantic-cache-lookup
            score-threshold="0.05"
            embeddings-backend-id ="azure-openai-backend"
            embeddings-backend-auth ="system-assigned" >
            <vary-by>@(context.Subscription.Id)</vary-by>
        </azure-openai-semantic-cache-lookup>
    </inbound>
    <outbound>
        <azure-openai-semantic-cache-store duration="60" />
        <base />
    </outbound>
</policies>`;

describe('T8 azure-openai-semantic-cache-lookup / -store', () => {
  it('T8: the same pair under the azure-openai names; a backend without credentials gets the (emulated) managed identity token', async () => {
    const g = sideCallGateway(chain(T8), upstream, { 'azure-openai-backend': EMBEDDINGS });
    expect((await g.send({ body: chat(PARIS), identity: subscription('s') })).header('x-answer')).toBe('1');
    const hit = await g.send({ body: chat(PARIS_CLOSE), identity: subscription('s') });
    expect(hit.header('x-answer')).toBe('1');
    expect(tracesOf(hit.ctx, 'azure-openai-semantic-cache-lookup')[0]).toMatch(/^cache hit/);
    const auth = String(upstream.embeddings()[0]!.headers['authorization']);
    expect(auth).toMatch(/^Bearer /);
    const payload = JSON.parse(Buffer.from(auth.slice(7).split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(payload['aud']).toBe('https://cognitiveservices.azure.com');
  });
});

const T9 = `<policies>
    <inbound>
        <base />
        <azure-openai-semantic-cache-lookup
            score-threshold="0.8"
            embeddings-backend-id="embeddings-deployment"
            embeddings-backend-auth="system-assigned"
            ignore-system-messages="true"
            max-message-count="10">
            <vary-by>@(context.Subscription.Id)</vary-by>
        </azure-openai-semantic-cache-lookup>
    </inbound>
    <outbound>
        <azure-openai-semantic-cache-store duration="60" />
        <base />
    </outbound>
</policies>`;

describe('T9 enable-semantic-caching walkthrough', () => {
  const withSystem = (system: string, ...users: string[]) => ({ messages: [{ role: 'system', content: system }, ...users.map((content) => ({ role: 'user', content }))] });

  it('T9: system messages are left out of the comparison; more than 10 remaining messages are neither looked up nor stored', async () => {
    const g = sideCallGateway(chain(T9), upstream, { 'embeddings-deployment': EMBEDDINGS });
    expect((await g.send({ body: withSystem('You are terse.', 'hello'), identity: subscription('s') })).header('x-answer')).toBe('1');
    expect((await g.send({ body: withSystem('You are verbose.', 'hello'), identity: subscription('s') })).header('x-answer')).toBe('1');
    expect(upstream.embeddings().map((r) => JSON.parse(r.body))).toEqual([{ input: 'hello' }, { input: 'hello' }]);

    const eleven = Array.from({ length: 11 }, (_, i) => `turn ${i}`);
    const long = await g.send({ body: withSystem('sys', ...eleven), identity: subscription('s') });
    expect(tracesOf(long.ctx, 'azure-openai-semantic-cache-lookup')).toEqual(['11 messages exceed max-message-count 10: not cached']);
    expect((await g.send({ body: withSystem('sys', ...eleven), identity: subscription('s') })).header('x-answer')).toBe('3');
    expect(upstream.embeddings()).toHaveLength(2);

    // Ten user messages and a system one: ten remain, within the count.
    const ten = eleven.slice(0, 10);
    expect((await g.send({ body: withSystem('sys', ...ten), identity: subscription('s') })).header('x-answer')).toBe('4');
    expect((await g.send({ body: withSystem('other sys', ...ten), identity: subscription('s') })).header('x-answer')).toBe('4');
    expect(JSON.parse(upstream.embeddings()[2]!.body)).toEqual({ input: ten.join('\n') });
  });

  it('without ignore-system-messages the system text is part of the prompt', async () => {
    const xml = T9.replace('ignore-system-messages="true"', '');
    const g = sideCallGateway(chain(xml), upstream, { 'embeddings-deployment': EMBEDDINGS });
    await g.send({ body: withSystem('You are terse.', 'hello'), identity: subscription('s') });
    expect(JSON.parse(upstream.embeddings()[0]!.body)).toEqual({ input: 'You are terse.\nhello' });
  });
});

describe('semantic cache: what is cached and what is not', () => {
  const pair = (store = '<llm-semantic-cache-store duration="60" />', lookup = '') => `<policies>
    <inbound><base /><llm-semantic-cache-lookup score-threshold="0.05" embeddings-backend-id="emb" embeddings-backend-auth="system-assigned">${lookup}</llm-semantic-cache-lookup></inbound>
    <outbound><base />${store}</outbound></policies>`;

  it('only 200 OK responses, unless cache-response="true"; duration may be an expression', async () => {
    upstream.chatStatus = 500;
    const g = sideCallGateway(chain(pair()), upstream, { emb: EMBEDDINGS });
    expect((await g.send({ body: chat(PARIS) })).status).toBe(500);
    expect((await g.send({ body: chat(PARIS) })).header('x-answer')).toBe('2');

    const always = sideCallGateway(chain(pair('<llm-semantic-cache-store duration="@(10 + 20)" cache-response="true" />')), upstream, { emb: EMBEDDINGS });
    expect((await always.send({ body: chat(PARIS) })).header('x-answer')).toBe('3');
    const cached = await always.send({ body: chat(PARIS) });
    expect(cached.status).toBe(500);
    expect(cached.header('x-answer')).toBe('3');
    always.clock.advanceSeconds(30);
    expect((await always.send({ body: chat(PARIS) })).header('x-answer')).toBe('4');
  });

  it('streamed requests are not looked up nor stored', async () => {
    const g = sideCallGateway(chain(pair()), upstream, { emb: EMBEDDINGS });
    const streamed = await g.send({ body: { ...chat(PARIS), stream: true } });
    expect(tracesOf(streamed.ctx, 'llm-semantic-cache-lookup')).toEqual(['streamed requests are not cached']);
    await g.send({ body: { ...chat(PARIS), stream: true } });
    expect(upstream.embeddings()).toHaveLength(0);
    expect(upstream.chats()).toHaveLength(2);
  });

  it('a request that is not an LLM prompt (embeddings, no body) is not cached', async () => {
    const g = sideCallGateway(chain(pair()), upstream, { emb: EMBEDDINGS });
    const embeddings = await g.send({ path: '/openai/deployments/emb/embeddings', body: { input: PARIS } });
    expect(tracesOf(embeddings.ctx, 'llm-semantic-cache-lookup')).toEqual(['the request is not an LLM prompt: not cached']);
    const get = await g.send({ method: 'GET', path: '/openai/models' });
    expect(tracesOf(get.ctx, 'llm-semantic-cache-lookup')).toEqual(['the request is not an LLM prompt: not cached']);
  });

  it('a failing embeddings backend or an unknown backend id is a miss that stores nothing, never a failed request', async () => {
    upstream.embeddingsStatus = 500;
    const g = sideCallGateway(chain(pair()), upstream, { emb: EMBEDDINGS });
    const first = await g.send({ body: chat(PARIS) });
    expect(first.status).toBe(200);
    expect(tracesOf(first.ctx, 'llm-semantic-cache-lookup')[0]).toMatch(/^cache lookup failed, the request goes on uncached: embeddings backend 'emb' answered 500/);
    upstream.embeddingsStatus = 200;
    expect((await g.send({ body: chat(PARIS) })).header('x-answer')).toBe('2');

    const unknown = sideCallGateway(chain(pair()), upstream, {});
    const response = await unknown.send({ body: chat(PARIS) });
    expect(response.status).toBe(200);
    expect(tracesOf(response.ctx, 'llm-semantic-cache-lookup')[0]).toContain("Backend with id 'emb' could not be found");
  });

  it('several vary-by values partition together, and so do the API and the operation', async () => {
    const g = sideCallGateway(chain(pair(undefined, '<vary-by>@(context.Request.Headers.GetValueOrDefault("x-team", ""))</vary-by><vary-by>@(context.Request.Headers.GetValueOrDefault("x-lang", ""))</vary-by>')), upstream, { emb: EMBEDDINGS });
    const as = (team: string, lang: string, operation = 'chat') => g.send({ body: chat(PARIS), headers: { 'x-team': team, 'x-lang': lang }, identity: { operation: { Id: operation, Name: operation, Method: 'POST', UrlTemplate: '/' } as never } });
    expect((await as('a', 'en')).header('x-answer')).toBe('1');
    expect((await as('a', 'en')).header('x-answer')).toBe('1');
    expect((await as('a', 'fr')).header('x-answer')).toBe('2');
    expect((await as('b', 'en')).header('x-answer')).toBe('3');
    expect((await as('a', 'en', 'other-operation')).header('x-answer')).toBe('4');
  });

  it('the lab policy (labs/semantic-caching/policy.xml) runs unchanged: threshold 0.8, the response cached for 120 s', async () => {
    const lab = readFileSync(resolve(CORPUS, 'labs/semantic-caching/policy.xml'), 'utf8');
    const g = sideCallGateway(chain(lab), upstream, { 'embeddings-backend': EMBEDDINGS, '{backend-id}': { url: upstream.server.url } });
    upstream.vectors.set('How far is the moon?', at(degreesAtDistance(0.7)));
    expect((await g.send({ body: chat(PARIS) })).header('x-answer')).toBe('1');
    // 0.7 is "similar" at the lab's permissive 0.8.
    expect((await g.send({ body: chat('How far is the moon?') })).header('x-answer')).toBe('1');
    g.clock.advanceSeconds(120);
    expect((await g.send({ body: chat(PARIS) })).header('x-answer')).toBe('2');
  });
});

describe.runIf(redisAnswers)('semantic cache over Redis', () => {
  const prefix = runPrefix('semantic-cache');
  const opened: RedisStores[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((stores) => stores.close()));
    await deleteKeysUnder(prefix);
  });

  it('T7: two gateway instances sharing Redis share the cache: a response stored by one answers the other', async () => {
    const clock = new ManualClock(START);
    const instance = async () => {
      const redis = await createRedisStores({ url: redisUrl, keyPrefix: prefix, clock, autoRenewLeases: false });
      opened.push(redis);
      return sideCallGateway(chain(T7), upstream, { 'llm-backend': EMBEDDINGS }, { clock, services: { ...memoryServices(clock), vectors: redis.vectors, counters: redis.counters } });
    };
    const a = await instance();
    const b = await instance();
    expect((await a.send({ body: chat(PARIS), identity: subscription('sub-a') })).header('x-answer')).toBe('1');
    expect((await b.send({ body: chat(PARIS_CLOSE), identity: subscription('sub-a') })).header('x-answer')).toBe('1');
    expect((await b.send({ body: chat(PARIS_CLOSE), identity: subscription('sub-b') })).header('x-answer')).toBe('2');
    clock.advanceSeconds(60);
    expect((await b.send({ body: chat(PARIS), identity: subscription('sub-a') })).header('x-answer')).toBe('3');
  });
});
