import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { harness } from '../../support/run-policy.ts';
import { expressionsReady } from '../expressions-ready.ts';
import { gatePolicies, settle, subscription } from './support.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** An upstream answering the status named by the last path segment (/status/500 → 500). */
async function statusServer(): Promise<TestServer> {
  const server = await startServer((req, res) => {
    res.writeHead(Number(req.url?.split('/').pop()) || 200, { 'Content-Type': 'text/plain' });
    res.end('x'.repeat(100));
  });
  servers.push(server);
  return server;
}

const withBackend = (inbound: string) => `<policies><inbound>${inbound}</inbound><backend><forward-request /></backend><outbound /><on-error /></policies>`;

describe.skipIf(!expressionsReady)('limits with policy expressions', () => {
  it('T19 rate-limit-by-key: 10 successful calls per 60 s per IP; non-200 responses do not count; the 11th counted call → 429', async () => {
    const server = await statusServer();
    const h = harness(
      withBackend(`<rate-limit-by-key calls="10" renewal-period="60" increment-condition="@(context.Response.StatusCode == 200)"
        counter-key="@(context.Request.IpAddress)" remaining-calls-variable-name="remainingCallsPerIP" remaining-calls-header-name="x-remaining" />`),
    );
    const call = (status: number, clientIp = '10.0.0.1') => h.send({ clientIp }, { backendUrl: `${server.url}/status/${status}` });
    for (let i = 0; i < 5; i++) expect((await call(500)).status).toBe(500);
    for (let i = 0; i < 10; i++) {
      const ok = await call(200);
      expect(ok.status).toBe(200);
      expect(ok.header('x-remaining')).toBe(String(9 - i));
    }
    expect((await call(200)).status).toBe(429);
    expect((await call(200, '10.0.0.2')).status).toBe(200);
  });

  it('T21 quota-by-key: only 2xx/3xx responses count, per IP; bandwidth counts the response bytes', async () => {
    const server = await statusServer();
    const h = harness(
      withBackend(`<quota-by-key calls="3" bandwidth="1" renewal-period="3600"
        increment-condition="@(context.Response.StatusCode &gt;= 200 &amp;&amp; context.Response.StatusCode &lt; 400)" counter-key="@(context.Request.IpAddress)" />`),
    );
    const call = (status: number) => h.send({ clientIp: '10.1.1.1' }, { backendUrl: `${server.url}/status/${status}` });
    for (let i = 0; i < 4; i++) expect((await call(404)).status).toBe(404);
    // 100 bytes per response: the 11th counted one crosses 1 KB, but the call quota (3) ends first.
    for (let i = 0; i < 3; i++) expect((await call(302)).status).toBe(302);
    const refused = await call(200);
    expect(refused.status).toBe(403);
    expect(refused.header('Retry-After')).toBe('3600');
  });

  it('T22 throttling recipe: a per-key rate limit whose key comes from a request header', async () => {
    const h = harness(withBackend('<rate-limit-by-key calls="2" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault(&quot;Rate-Key&quot;,&quot;&quot;))" />'));
    const server = await statusServer();
    const call = (key: string) => h.send({ headers: { 'Rate-Key': key } }, { backendUrl: `${server.url}/status/200` });
    expect((await call('a')).status).toBe(200);
    expect((await call('a')).status).toBe(200);
    expect((await call('a')).status).toBe(429);
    expect((await call('b')).status).toBe(200);
  });

  // T23 keys on (string)context.Variables["connectionId"]; the expression engine's Variables binding is not wired to the
  // runtime's Variables yet ("d.entry is not a function"), so the key expression reads the header directly.
  it('T23 limit-concurrency: the key is an expression (the connection id)', async () => {
    const { policies, waiting } = gatePolicies();
    const h = harness(
      `<policies><inbound />
       <backend><limit-concurrency key="@(context.Request.Headers.GetValueOrDefault(&quot;x-conn&quot;,&quot;&quot;))" max-count="1"><trace source="gate"><message>wait</message></trace></limit-concurrency></backend>
       <outbound /><on-error /></policies>`,
      { policies },
    );
    const first = h.send({ headers: { 'x-conn': 'c1' } });
    await settle();
    expect((await h.send({ headers: { 'x-conn': 'c1' } })).status).toBe(429);
    const other = h.send({ headers: { 'x-conn': 'c2' } });
    await settle();
    expect(waiting).toHaveLength(2);
    for (const release of waiting.splice(0)) release();
    expect((await Promise.all([first, other])).map((r) => r.status)).toEqual([200, 200]);
  });

  it('rate-limit headers survive the backend response, and rate-limit applies per subscription', async () => {
    const server = await statusServer();
    const h = harness(withBackend('<rate-limit calls="1" renewal-period="60" remaining-calls-header-name="x-left" total-calls-header-name="x-total" />'));
    const ok = await h.send({}, { ...subscription('s1'), backendUrl: `${server.url}/status/201` });
    expect(ok.status).toBe(201);
    expect([ok.header('x-left'), ok.header('x-total')]).toEqual(['0', '1']);
  });
});
