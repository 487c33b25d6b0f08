import { describe, expect, it, vi } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { upstream } from '../routing/support.ts';
import { MemoryConcurrencyStore } from '../../../src/stores/memory-concurrency-store.ts';
import { gatePolicies, settle } from './support.ts';

const doc = (section: 'inbound' | 'backend', policy: string) =>
  `<policies><inbound>${section === 'inbound' ? policy : ''}</inbound><backend>${section === 'backend' ? policy : ''}</backend><outbound /><on-error /></policies>`;
const GATE = '<trace source="gate"><message>wait</message></trace>';

describe('limit-concurrency', () => {
  it('T23 limit-concurrency: the documented policy: at most 3 backend calls in flight per connectionId; a 4th fails at once with 429', async () => {
    // The upstream holds every call until the test releases it.
    const held: (() => void)[] = [];
    const server = await upstream((_req, res) => {
      held.push(() => res.end('done'));
    });
    const h = harness(`<policies>
      <inbound><set-variable name="connectionId" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-connection&quot;, &quot;&quot;))" /></inbound>
      <backend>
        <limit-concurrency key="@((string)context.Variables["connectionId"])" max-count="3">
          <forward-request timeout="120"/>
        </limit-concurrency>
      </backend>
      <outbound /><on-error />
    </policies>`);
    const send = (connection: string) => h.send({ headers: { 'x-connection': connection } }, { backendUrl: `${server.url}/op` });
    const inFlight = [send('c1'), send('c1'), send('c1')];
    await vi.waitFor(() => expect(held).toHaveLength(3));
    const fourth = await send('c1');
    expect(fourth.status).toBe(429);
    expect(JSON.parse(fourth.text).statusCode).toBe(429);
    // Another connectionId has its own 3 slots.
    const other = send('c2');
    await vi.waitFor(() => expect(held).toHaveLength(4));
    held.shift()!();
    expect((await inFlight[0])!.status).toBe(200);
    // The slot came back: c1 gets in again.
    const fifth = send('c1');
    await vi.waitFor(() => expect(held).toHaveLength(4));
    for (const release of held.splice(0)) release();
    expect((await Promise.all([...inFlight.slice(1), other, fifth])).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect((h.services.concurrency as MemoryConcurrencyStore).inFlight('limit-concurrency\u0000c1')).toBe(0);
  });

  it('T23 limit-concurrency: a literal key and nested policies other than forward-request', async () => {
    const { policies, waiting } = gatePolicies();
    const h = harness(doc('backend', `<limit-concurrency key="connection-1" max-count="3">${GATE}</limit-concurrency>`), { policies });
    const inFlight = [h.send(), h.send(), h.send()];
    await settle();
    expect(waiting).toHaveLength(3);
    expect((await h.send()).status).toBe(429);
    for (const release of waiting.splice(0)) release();
    expect((await Promise.all(inFlight)).map((r) => r.status)).toEqual([200, 200, 200]);
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
