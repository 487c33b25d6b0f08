import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { subscription } from './support.ts';

const doc = (policy: string) => `<policies><inbound>${policy}</inbound><backend /><outbound /><on-error /></policies>`;
const HOUR = 3_600_000;

describe('quota', () => {
  it('T20 quota: calls per subscription per hour, anchored at the subscription start; 403 with Retry-After beyond', async () => {
    // The subscription started at 00:30, the clock is at 00:00 of the next day: windows run hh:30 → hh+1:30.
    const h = harness({ product: doc('<quota calls="3" bandwidth="40000" renewal-period="3600" />'), operation: doc('<base />') });
    const started = h.clock.now() - 23.5 * HOUR;
    for (let i = 0; i < 3; i++) expect((await h.send({}, subscription('s1', started))).status).toBe(200);
    const refused = await h.send({}, subscription('s1', started));
    expect(refused.status).toBe(403);
    expect(refused.header('Retry-After')).toBe('1800');
    expect(JSON.parse(refused.text)).toEqual({ statusCode: 403, message: 'Out of call volume quota. Quota will be replenished in 00:30:00.' });
    expect((await h.send({}, subscription('s2', started))).status).toBe(200);
    h.clock.advance(HOUR / 2);
    expect((await h.send({}, subscription('s1', started))).status).toBe(200);
  });

  it('T20 quota: bandwidth counts request and response bytes after the call; the next call is refused', async () => {
    const h = harness(doc('<quota bandwidth="2" renewal-period="0" />'));
    const body = 'x'.repeat(1500);
    expect((await h.send({ method: 'POST', body }, subscription('s1'))).status).toBe(200);
    expect((await h.send({ method: 'POST', body }, subscription('s1'))).status).toBe(200); // 3000 bytes > 2048 now
    const refused = await h.send({ method: 'POST', body }, subscription('s1'));
    expect(refused.status).toBe(403);
    // renewal-period 0: a lifetime quota, nothing to wait for.
    expect(refused.header('Retry-After')).toBeUndefined();
    expect(JSON.parse(refused.text).message).toBe('Out of bandwidth quota.');
  });

  it('does not apply without a subscription', async () => {
    const h = harness(doc('<quota calls="1" renewal-period="3600" />'));
    for (let i = 0; i < 3; i++) expect((await h.send()).status).toBe(200);
  });

  it('api children add independent quotas', async () => {
    const h = harness(doc('<quota calls="100" renewal-period="3600"><api id="chat" calls="1" /></quota>'));
    const chat = { ...subscription('s1'), api: { Id: 'chat', Name: 'Chat' } as never };
    expect((await h.send({}, chat)).status).toBe(200);
    expect((await h.send({}, chat)).status).toBe(403);
    expect((await h.send({}, subscription('s1'))).status).toBe(200);
  });
});

describe('quota-by-key', () => {
  it('T21 quota-by-key: per key value, 403 with Retry-After when exhausted, renewed at the window end', async () => {
    const h = harness(doc('<quota-by-key calls="2" renewal-period="3600" counter-key="ip-1" first-period-start="2025-12-31T23:00:00Z" />'));
    expect((await h.send()).status).toBe(200);
    expect((await h.send()).status).toBe(200);
    const refused = await h.send();
    expect(refused.status).toBe(403);
    // Windows start on the hour from 23:00; the clock is at 00:00 exactly, so the window ends at 01:00.
    expect(refused.header('Retry-After')).toBe('3600');
    expect(JSON.parse(refused.text).message).toBe('Out of call volume quota. Quota will be replenished in 01:00:00.');
    h.clock.advance(HOUR);
    expect((await h.send()).status).toBe(200);
  });

  it('T21 quota-by-key: increment-condition false counts nothing', async () => {
    const h = harness(doc('<quota-by-key calls="1" renewal-period="300" counter-key="k" increment-condition="false" />'));
    for (let i = 0; i < 3; i++) expect((await h.send()).status).toBe(200);
  });

  it('T21 quota-by-key: increment-condition true counts after the response', async () => {
    const h = harness(doc('<quota-by-key calls="1" renewal-period="300" counter-key="k" increment-condition="true" />'));
    expect((await h.send()).status).toBe(200);
    expect((await h.send()).status).toBe(403);
  });

  it('a key value is incremented once per request, however many policies name it', async () => {
    const h = harness({
      api: doc('<quota-by-key calls="2" renewal-period="300" counter-key="k" /><base />'),
      operation: doc('<base /><quota-by-key calls="2" renewal-period="300" counter-key="k" />'),
    });
    expect((await h.send()).status).toBe(200);
    expect((await h.send()).status).toBe(200);
    expect((await h.send()).status).toBe(403);
  });

  it('T22 throttling recipe: a rate limit and a bandwidth quota on the same key value', async () => {
    const h = harness(
      doc('<rate-limit-by-key calls="10" renewal-period="60" counter-key="1.2.3.4" /><quota-by-key calls="1000000" bandwidth="1" renewal-period="2629800" counter-key="1.2.3.4" />'),
    );
    const body = 'y'.repeat(600);
    expect((await h.send({ method: 'POST', body })).status).toBe(200);
    expect((await h.send({ method: 'POST', body })).status).toBe(200); // 1200 bytes > 1 KB from now on
    const refused = await h.send({ method: 'POST', body });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toMatch(/^Out of bandwidth quota\. Quota will be replenished in \d+\.\d\d:\d\d:\d\d\.$/);
    for (let i = 0; i < 7; i++) await h.send();
    expect((await h.send()).status).toBe(429); // the 11th call in the minute
  });

  it('T22 throttling recipe by IP, as documented: 10 calls a minute and a bandwidth quota per caller IP', async () => {
    const h = harness(
      doc(`<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Request.IpAddress)" />
           <quota-by-key calls="1000000" bandwidth="10000" renewal-period="2629800" counter-key="@(context.Request.IpAddress)" />`),
    );
    for (let i = 0; i < 10; i++) expect((await h.send({ clientIp: '10.0.0.1' })).status).toBe(200);
    const refused = await h.send({ clientIp: '10.0.0.1' });
    expect(refused.status).toBe(429);
    expect(refused.header('Retry-After')).toBeDefined();
    // Another caller has its own counters.
    expect((await h.send({ clientIp: '10.0.0.2' })).status).toBe(200);
    h.clock.advance(60_000);
    expect((await h.send({ clientIp: '10.0.0.1' })).status).toBe(200);
    // 10,000 KB a month per IP: a big upload uses it up for that IP only.
    expect((await h.send({ clientIp: '10.0.0.3', method: 'POST', body: 'z'.repeat(10_240_001) })).status).toBe(200);
    expect((await h.send({ clientIp: '10.0.0.3' })).status).toBe(403);
    expect((await h.send({ clientIp: '10.0.0.2' })).status).toBe(200);
  });

  it("T22 throttling recipe by JWT subject: counter-key from the Authorization header's token", async () => {
    const h = harness(
      doc('<rate-limit-by-key calls="2" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault("Authorization","").AsJwt()?.Subject)" />'),
    );
    const token = (sub: string) => `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub })).toString('base64url')}.`;
    const as = (sub: string) => h.send({ headers: { Authorization: token(sub) } });
    expect([(await as('alice')).status, (await as('alice')).status, (await as('alice')).status]).toEqual([200, 200, 429]);
    expect((await as('bob')).status).toBe(200);
    // No token: AsJwt() is null, so the key is null; those calls share one counter of their own.
    expect([(await h.send()).status, (await h.send()).status, (await h.send()).status]).toEqual([200, 200, 429]);
    expect((await as('bob')).status).toBe(200);
  });

  it('T22 throttling recipe with the docs\' typo (`request.Headers` instead of `context.Request.Headers`) is refused at load', () => {
    expect(() => harness(doc('<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(request.Headers.GetValueOrDefault("Rate-Key",""))" />'))).toThrow(
      /operation\.xml:1:\d+: The name 'request' does not exist in the current context/,
    );
  });

  it('refuses a first-period-start that is not a date at load', () => {
    expect(() => harness(doc('<quota-by-key calls="1" renewal-period="300" counter-key="k" first-period-start="yesterday" />'))).toThrow(/first-period-start/);
  });
});
