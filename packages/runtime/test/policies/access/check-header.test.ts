import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';

const doc = (policy: string, onError = '') => `<policies><inbound>${policy}</inbound><backend /><outbound /><on-error>${onError}</on-error></policies>`;
const T34 =
  '<check-header name="Authorization" failed-check-httpcode="401" failed-check-error-message="Not authorized" ignore-case="false"><value>f6dc69a089844cf6b2019bae6d36fac8</value></check-header>';

describe('check-header', () => {
  it('T34 check-header: missing or different Authorization → 401 "Not authorized"; the exact value goes on', async () => {
    const h = harness(doc(T34));
    const missing = await h.send();
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text)).toEqual({ statusCode: 401, message: 'Not authorized' });
    const wrong = await h.send({ headers: { Authorization: 'nope' } });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.text)).toEqual({ statusCode: 401, message: 'Not authorized' });
    // ignore-case="false": a value differing in case is refused.
    expect((await h.send({ headers: { Authorization: 'F6DC69A089844CF6B2019BAE6D36FAC8' } })).status).toBe(401);
    expect((await h.send({ headers: { authorization: 'f6dc69a089844cf6b2019bae6d36fac8' } })).status).toBe(200);
  });

  it('LastError carries HeaderNotFound / HeaderValueNotAllowed with the documented messages', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(doc(T34, PROBE), { policies });
    await h.send();
    await h.send({ headers: { Authorization: 'abc' } });
    expect(seen[0]!.LastError).toMatchObject({ Source: 'check-header', Reason: 'HeaderNotFound', Message: 'Header Authorization was not found in the request. Access denied.' });
    expect(seen[1]!.LastError).toMatchObject({ Reason: 'HeaderValueNotAllowed', Message: 'Header Authorization value of abc is not allowed. Access denied.' });
  });

  it('ignore-case="true" compares values case-insensitively; any listed value passes', async () => {
    const h = harness(doc('<check-header name="x-tier" failed-check-httpcode="403" failed-check-error-message="Tier refused" ignore-case="true"><value>Gold</value><value>Silver</value></check-header>'));
    expect((await h.send({ headers: { 'x-tier': 'GOLD' } })).status).toBe(200);
    expect((await h.send({ headers: { 'x-tier': 'silver' } })).status).toBe(200);
    const refused = await h.send({ headers: { 'x-tier': 'bronze' } });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toBe('Tier refused');
  });

  it('without <value> only the presence of the header is checked; several values pass when one is allowed', async () => {
    const presence = harness(doc('<check-header name="x-key" failed-check-httpcode="400" failed-check-error-message="key?" ignore-case="false" />'));
    expect((await presence.send({ headers: { 'x-key': 'anything' } })).status).toBe(200);
    expect((await presence.send()).status).toBe(400);
    const multi = harness(doc('<check-header name="x-a" failed-check-httpcode="400" failed-check-error-message="no" ignore-case="false"><value>b</value></check-header>'));
    expect((await multi.send({ headers: { 'x-a': ['a', 'b'] } })).status).toBe(200);
    expect((await multi.send({ headers: { 'x-a': 'a, b' } })).status).toBe(200);
  });
});
