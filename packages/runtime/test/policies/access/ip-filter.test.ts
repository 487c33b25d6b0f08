import { describe, expect, it } from 'vitest';
import { parseIp } from '../../../src/policies/access/ip-address.ts';
import { harness } from '../../support/run-policy.ts';
import { PROBE, probePolicies } from '../limits/support.ts';

const doc = (policy: string, onError = '') => `<policies><inbound>${policy}</inbound><backend /><outbound /><on-error>${onError}</on-error></policies>`;

describe('ip-filter', () => {
  it('T35 ip-filter: only 13.66.201.169 and 13.66.140.128–143 are allowed; others get 403 CallerIpNotAllowed', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(
      doc('<ip-filter action="allow"><address>13.66.201.169</address><address-range from="13.66.140.128" to="13.66.140.143" /></ip-filter>', PROBE),
      { policies },
    );
    for (const ip of ['13.66.201.169', '13.66.140.128', '13.66.140.135', '13.66.140.143', '::ffff:13.66.201.169']) {
      expect((await h.send({ clientIp: ip })).status, ip).toBe(200);
    }
    for (const ip of ['13.66.201.168', '13.66.140.127', '13.66.140.144', '10.0.0.1']) {
      const refused = await h.send({ clientIp: ip });
      expect(refused.status, ip).toBe(403);
      expect(JSON.parse(refused.text)).toEqual({ statusCode: 403, message: `Caller IP address ${ip} is not allowed. Access denied.` });
    }
    expect(seen[0]!.LastError).toMatchObject({ Source: 'ip-filter', Reason: 'CallerIpNotAllowed' });
  });

  it('action="forbid" blocks the listed callers with CallerIpBlocked', async () => {
    const { policies, seen } = probePolicies();
    const h = harness(doc('<ip-filter action="forbid"><address>10.0.0.1</address><address-range from="2001:db8::" to="2001:db8::ffff" /></ip-filter>', PROBE), { policies });
    expect((await h.send({ clientIp: '10.0.0.2' })).status).toBe(200);
    expect((await h.send({ clientIp: '2001:db8::1:0' })).status).toBe(200);
    const blocked = await h.send({ clientIp: '10.0.0.1' });
    expect(blocked.status).toBe(403);
    expect(JSON.parse(blocked.text).message).toBe('Caller IP address is blocked. Access denied.');
    expect((await h.send({ clientIp: '2001:DB8::abcd' })).status).toBe(403);
    expect(seen.map((ctx) => ctx.LastError?.Reason)).toEqual(['CallerIpBlocked', 'CallerIpBlocked']);
  });

  it('an unparsable caller address is FailedToParseCallerIP', async () => {
    const h = harness(doc('<ip-filter action="allow"><address>10.0.0.1</address></ip-filter>'));
    const refused = await h.send({ clientIp: 'unknown' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).message).toBe('Failed to establish IP address for the caller. Access denied.');
  });

  it('refuses a malformed range at load', () => {
    expect(() => harness(doc('<ip-filter action="allow"><address-range from="10.0.0.1" to="::1" /></ip-filter>'))).toThrow(/address-range/);
  });

  it('parses IPv4, IPv6 (compressed, embedded IPv4, zone) and rejects junk', () => {
    expect(parseIp('1.2.3.4')).toEqual({ family: 4, value: 0x01020304n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('fe80::1%eth0')).toEqual({ family: 6, value: (0xfe80n << 112n) | 1n });
    expect(parseIp('64:ff9b::192.0.2.33')?.value).toBe((0x64n << 112n) | (0xff9bn << 96n) | 0xc0000221n);
    for (const junk of ['1.2.3', '1.2.3.256', '1::2::3', '12345::', 'a.b.c.d', '1:2:3:4:5:6:7:8:9']) expect(parseIp(junk), junk).toBeNull();
  });
});
