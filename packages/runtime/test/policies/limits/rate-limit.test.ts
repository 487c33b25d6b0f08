import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies, subscription } from './support.ts';

const doc = (policy: string, onError = '') => `<policies><inbound>${policy}</inbound><backend /><outbound /><on-error>${onError}</on-error></policies>`;

describe('rate-limit', () => {
  it('T18 rate-limit: 20 calls per 90 s per subscription, the 21st gets 429 with Retry-After, the variable holds the remaining calls', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(doc(`<rate-limit calls="20" renewal-period="90" remaining-calls-variable-name="remainingCallsPerSubscription" />${PROBE}`), { policies });
    for (let i = 0; i < 20; i++) {
      const response = await h.send({}, subscription('s1'));
      expect(response.status).toBe(200);
      h.clock.advance(1000);
    }
    expect(seen.map((ctx) => ctx.Variables.get('remainingCallsPerSubscription'))).toEqual([...Array(20).keys()].map((i) => 19 - i));
    expect(seen[0]!.Variables.typeOf('remainingCallsPerSubscription')).toBe('int');
    const refused = await h.send({}, subscription('s1'));
    expect(refused.status).toBe(429);
    // The first call was 20 s ago: it leaves the 90 s window in 70 s.
    expect(refused.header('Retry-After')).toBe('70');
    expect(JSON.parse(refused.text)).toEqual({ statusCode: 429, message: 'Rate limit is exceeded. Try again in 70 seconds.' });
    // Another subscription has its own counter.
    expect((await h.send({}, subscription('s2'))).status).toBe(200);
    h.clock.advance(70_000);
    expect((await h.send({}, subscription('s1'))).status).toBe(200);
  });

  it('T18 rate-limit: applies only to calls that carry a subscription', async () => {
    const h = harness(doc('<rate-limit calls="1" renewal-period="60" />'));
    for (let i = 0; i < 3; i++) expect((await h.send()).status).toBe(200);
    expect((await h.send({}, subscription('s1'))).status).toBe(200);
    expect((await h.send({}, subscription('s1'))).status).toBe(429);
  });

  it('T18 rate-limit: renewal-period above 300 is refused at load', () => {
    expect(() => harness(doc('<rate-limit calls="1" renewal-period="301" />'))).toThrow(/renewal-period/);
  });

  it('reports remaining and total calls in the configured headers, and Retry-After under the configured name', async () => {
    const h = harness(
      doc('<rate-limit calls="2" renewal-period="10" retry-after-header-name="x-retry" remaining-calls-header-name="x-remaining" total-calls-header-name="x-total" />'),
    );
    const first = await h.send({}, subscription('s1'));
    expect([first.header('x-remaining'), first.header('x-total')]).toEqual(['1', '2']);
    const second = await h.send({}, subscription('s1'));
    expect([second.header('x-remaining'), second.header('x-total')]).toEqual(['0', '2']);
    const third = await h.send({}, subscription('s1'));
    expect(third.status).toBe(429);
    expect(third.header('x-retry')).toBe('10');
    expect(third.header('Retry-After')).toBeUndefined();
    expect([third.header('x-remaining'), third.header('x-total')]).toEqual(['0', '2']);
  });

  it('sets the retry-after variable and LastError (Source rate-limit, Reason RateLimitExceeded) when refused', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(doc('<rate-limit calls="1" renewal-period="30" retry-after-variable-name="wait" />', PROBE), { policies });
    await h.send({}, subscription('s1'));
    h.clock.advance(5000);
    await h.send({}, subscription('s1'));
    const ctx = seen[0]!;
    expect(ctx.Variables.get('wait')).toBe(25);
    expect(ctx.LastError).toMatchObject({ Source: 'rate-limit', Reason: 'RateLimitExceeded', Section: 'inbound', Scope: 'operation', Path: 'rate-limit[1]' });
  });

  it('adds independent limits for the <api> and <operation> it names (id wins over name)', async () => {
    const h = harness(
      doc(`<rate-limit calls="10" renewal-period="60">
        <api name="other-name" id="chat" calls="3" renewal-period="60">
          <operation name="completions" calls="2" renewal-period="60" />
        </api>
      </rate-limit>`),
    );
    const api = { Id: 'chat', Name: 'Chat' } as never;
    const completions = { Id: 'op1', Name: 'completions' } as never;
    const embeddings = { Id: 'op2', Name: 'embeddings' } as never;
    const identity = (operation: unknown) => ({ ...subscription('s1'), api, operation: operation as never });
    expect((await h.send({}, identity(completions))).status).toBe(200);
    expect((await h.send({}, identity(completions))).status).toBe(200);
    expect((await h.send({}, identity(completions))).status).toBe(429); // operation limit 2
    expect((await h.send({}, identity(embeddings))).status).toBe(429); // api limit 3 (2 + 1 counted before the refusal)
    const elsewhere = { ...subscription('s1'), api: { Id: 'other', Name: 'Other' } as never };
    expect((await h.send({}, elsewhere)).status).toBe(200); // only the subscription limit applies
  });
});

describe('rate-limit-by-key', () => {
  it('counts per counter-key value, shared by every policy using the same key value', async () => {
    const h = harness({
      api: doc('<rate-limit-by-key calls="3" renewal-period="60" counter-key="shared" /><base />'),
      operation: doc('<base /><rate-limit-by-key calls="3" renewal-period="60" counter-key="shared" />'),
    });
    expect((await h.send()).status).toBe(200); // counts 2
    const second = await h.send(); // the api policy counts the 3rd, the operation policy refuses the 4th
    expect(second.status).toBe(429);
    expect(second.header('Retry-After')).toBe('60');
  });

  it('increment-count adds that amount per call', async () => {
    const h = harness(doc('<rate-limit-by-key calls="10" renewal-period="60" counter-key="k" increment-count="4" remaining-calls-header-name="left" />'));
    expect((await h.send()).header('left')).toBe('6');
    expect((await h.send()).header('left')).toBe('2');
    expect((await h.send()).status).toBe(429);
  });

  it('increment-condition false: the call is checked but never counted', async () => {
    const h = harness(doc('<rate-limit-by-key calls="1" renewal-period="60" counter-key="k" increment-condition="false" remaining-calls-header-name="left" />'));
    for (let i = 0; i < 3; i++) {
      const response = await h.send();
      expect(response.status).toBe(200);
      expect(response.header('left')).toBe('1');
    }
  });

  it('increment-condition true: counted once the response is known', async () => {
    const h = harness(doc('<rate-limit-by-key calls="2" renewal-period="60" counter-key="k" increment-condition="true" remaining-calls-header-name="left" />'));
    expect((await h.send()).header('left')).toBe('1');
    expect((await h.send()).header('left')).toBe('0');
    expect((await h.send()).status).toBe(429);
  });

  it('an empty counter-key is a key like any other', async () => {
    const h = harness(doc('<rate-limit-by-key calls="1" renewal-period="5" counter-key="" />'));
    expect((await h.send()).status).toBe(200);
    expect((await h.send()).status).toBe(429);
    h.clock.advance(5000);
    expect((await h.send()).status).toBe(200);
  });
});
