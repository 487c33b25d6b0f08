// The token policies over a counter store that answers with promises, as the Redis store does: the same
// outcomes as in memory, including under concurrency (each store step stays one atomic operation).
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/clock.ts';
import { memoryServices } from '../../../src/memory-services.ts';
import type { CounterStore } from '../../../src/stores/counter-store.ts';
import { MemoryCounterStore } from '../../../src/stores/memory-counter-store.ts';
import { estimatePromptTokens } from '../../../src/tokens/index.ts';
import { chatBody, gateway, metricValues, START, usage, type Gateway } from './support.ts';

/** The in-memory store behind promises that settle on a later turn of the event loop, like a network reply. */
function remoteLike(store: MemoryCounterStore): CounterStore & { calls: number } {
  const later = <T>(value: T): Promise<T> => new Promise((resolve) => setImmediate(() => resolve(value)));
  const wrapped = {
    calls: 0,
    slidingAdd: (...args: Parameters<CounterStore['slidingAdd']>) => (wrapped.calls++, later(store.slidingAdd(...args))),
    windowAdd: (...args: Parameters<CounterStore['windowAdd']>) => (wrapped.calls++, later(store.windowAdd(...args))),
    bucketTake: (...args: Parameters<CounterStore['bucketTake']>) => (wrapped.calls++, later(store.bucketTake(...args))),
  };
  return wrapped;
}

const open: Gateway[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((g) => g.close()));
});

async function start(inbound: string): Promise<{ g: Gateway; store: ReturnType<typeof remoteLike> }> {
  const clock = new ManualClock(START);
  const store = remoteLike(new MemoryCounterStore());
  const g = await gateway({ inbound }, { clock, services: { ...memoryServices(clock), counters: store } });
  open.push(g);
  return { g, store };
}

describe('token policies over a store that answers with promises', () => {
  it('rate and quota: overshoot then 429 until the bucket refills, then 403 once the quota is spent', async () => {
    const { g, store } = await start(
      '<llm-token-limit counter-key="k" tokens-per-minute="100" token-quota="200" token-quota-period="Daily" estimate-prompt-tokens="false" remaining-quota-tokens-header-name="x-quota" />',
    );
    g.upstream.reply = { kind: 'json', usage: usage(50, 30) };
    const first = await g.send();
    expect(first.status).toBe(200);
    expect(first.header('x-quota')).toBe('120');
    expect((await g.send()).status).toBe(200);
    expect((await g.send()).status).toBe(429);
    g.clock.advanceSeconds(60);
    expect((await g.send()).status).toBe(200);
    const refused = await g.send();
    expect(refused.status).toBe(403);
    expect(refused.header('x-quota')).toBe('0');
    expect(store.calls).toBeGreaterThan(0);
  });

  it('estimate true, 20 concurrent requests: exactly the ones that fit pass', async () => {
    const prompt = (await estimatePromptTokens(chatBody(), { api: 'chat' })).tokens;
    const { g } = await start(`<llm-token-limit counter-key="k" tokens-per-minute="${prompt * 5}" estimate-prompt-tokens="true" />`);
    g.upstream.reply = { kind: 'json', usage: usage(prompt, 0) };
    const statuses = (await Promise.all(Array.from({ length: 20 }, () => g.send()))).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(g.upstream.bodies).toHaveLength(5);
  });

  it('a stream is still counted at its end', async () => {
    const { g } = await start(
      '<llm-token-limit counter-key="k" tokens-per-minute="1000" estimate-prompt-tokens="false" remaining-tokens-header-name="x-remaining" /><llm-emit-token-metric><dimension name="API ID" /></llm-emit-token-metric>',
    );
    g.upstream.reply = { kind: 'sse', contents: ['a', 'b'], usage: usage(40, 2) };
    await g.send({ body: chatBody('hi', { stream: true }) });
    expect(metricValues(g.sink)['Total Tokens']).toBe(42);
    g.upstream.reply = { kind: 'json', usage: usage(0, 0) };
    // The stream's record is a promise settling after the body ended; the follow-up's own steps come after it.
    expect((await g.send()).header('x-remaining')).toBe('958');
  });
});
