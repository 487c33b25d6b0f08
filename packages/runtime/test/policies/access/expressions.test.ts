import { describe, expect, it } from 'vitest';
import { harness } from '../../support/run-policy.ts';
import { expressionsReady } from '../expressions-ready.ts';
import { SECRET, signHs } from './jwt-support.ts';

const NOW = Date.UTC(2026, 0, 1) / 1000;

describe.skipIf(!expressionsReady)('access policies with policy expressions', () => {
  it('T37 validate-jwt: the audience is an expression (the host the caller used)', async () => {
    const h = harness(`<policies><inbound>
      <validate-jwt header-name="Authorization" require-scheme="Bearer">
        <issuer-signing-keys><key>${SECRET}</key></issuer-signing-keys>
        <audiences><audience>@(context.Request.OriginalUrl.Host)</audience></audiences>
        <issuers><issuer>contoso.com</issuer></issuers>
      </validate-jwt></inbound><backend /><outbound /><on-error /></policies>`);
    const token = signHs({ iss: 'contoso.com', aud: 'api.contoso.com', exp: NOW + 60 });
    expect((await h.send({ url: 'https://api.contoso.com/x', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await h.send({ url: 'https://other.contoso.com/x', headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('check-header and ip-filter values may be expressions', async () => {
    const h = harness(`<policies><inbound>
      <check-header name="x-tenant" failed-check-httpcode="403" failed-check-error-message="wrong tenant" ignore-case="true"><value>@(context.Request.OriginalUrl.Host.Split('.')[0])</value></check-header>
      <ip-filter action="@(&quot;allow&quot;)"><address>@(&quot;10.0.0.&quot; + 7)</address></ip-filter>
    </inbound><backend /><outbound /><on-error /></policies>`);
    expect((await h.send({ url: 'https://fabrikam.example/x', headers: { 'x-tenant': 'FABRIKAM' }, clientIp: '10.0.0.7' })).status).toBe(200);
    expect((await h.send({ url: 'https://fabrikam.example/x', headers: { 'x-tenant': 'contoso' }, clientIp: '10.0.0.7' })).status).toBe(403);
    expect((await h.send({ url: 'https://fabrikam.example/x', headers: { 'x-tenant': 'fabrikam' }, clientIp: '10.0.0.8' })).status).toBe(403);
  });
});
