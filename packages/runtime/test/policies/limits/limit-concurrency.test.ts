import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { MemoryConcurrencyStore } from '../../../src/stores/memory-concurrency-store.ts';
import { gatePolicies, settle } from './support.ts';

const doc = (section: 'inbound' | 'backend', policy: string) =>
  `<policies><inbound>${section === 'inbound' ? policy : ''}</inbound><backend>${section === 'backend' ? policy : ''}</backend><outbound /><on-error /></policies>`;
const GATE = '<trace source="gate"><message>wait</message></trace>';

describe('limit-concurrency', () => {
  it('T23 limit-concurrency: at most 3 in flight per key; a 4th fails at once with 429; slots come back', async () => {
    const { policies, waiting } = gatePolicies();
    const h = harness(doc('backend', `<limit-concurrency key="connection-1" max-count="3">${GATE}</limit-concurrency>`), { policies });
    const inFlight = [h.send(), h.send(), h.send()];
    await settle();
    expect(waiting).toHaveLength(3);
    const fourth = await h.send();
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.text).statusCode).toBe(429);
    waiting.shift()!();
    expect((await inFlight[0])!.status).toBe(200);
    const fifth = h.send();
    await settle();
    expect(waiting).toHaveLength(3);
    for (const release of waiting.splice(0)) release();
    expect((await Promise.all([...inFlight.slice(1), fifth])).map((r) => r.status)).toEqual([200, 200, 200]);
    expect((h.services.concurrency as MemoryConcurrencyStore).inFlight('limit-concurrency\u0000connection-1')).toBe(0);
  });

  it('keys are independent; the same key is shared across documents', async () => {
    const { policies, waiting } = gatePolicies();
    const a = harness(doc('inbound', `<limit-concurrency key="a" max-count="1">${GATE}</limit-concurrency>`), { policies });
    const b = harness(doc('inbound', `<limit-concurrency key="b" max-count="1">${GATE}</limit-concurrency>`), { policies, services: a.services });
    const alsoA = harness(doc('backend', `<limit-concurrency key="a" max-count="1">${GATE}</limit-concurrency>`), { policies, services: a.services });
    const first = [a.send(), b.send()];
    await settle();
    expect(waiting).toHaveLength(2);
    expect((await alsoA.send()).status).toBe(429);
    for (const release of waiting.splice(0)) release();
    expect((await Promise.all(first)).map((r) => r.status)).toEqual([200, 200]);
  });

  it('releases the slot when a nested policy fails', async () => {
    const h = harness(doc('inbound', '<limit-concurrency key="k" max-count="1"><rate-limit-by-key calls="1" renewal-period="60" counter-key="r" /></limit-concurrency>'));
    expect((await h.send()).status).toBe(200);
    const failed = await h.send();
    expect(failed.status).toBe(429);
    expect(JSON.parse(failed.text).message).toMatch(/^Rate limit is exceeded/);
    expect((h.services.concurrency as MemoryConcurrencyStore).inFlight('limit-concurrency\u0000k')).toBe(0);
  });

  it('a refusal is a fault located at the policy', async () => {
    const { policies, waiting } = gatePolicies();
    const h = harness(doc('inbound', `<limit-concurrency key="k" max-count="1">${GATE}</limit-concurrency>`), { policies });
    const first = h.send();
    await settle();
    const refused = await h.send();
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.text).message).toBe('Too many concurrent requests. Try again later.');
    waiting.shift()!();
    await first;
  });
});
