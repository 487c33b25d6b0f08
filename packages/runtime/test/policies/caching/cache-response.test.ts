import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../../http/test-server.ts';
import { harness } from '../../support/run-policy.ts';

const servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

/** An upstream that counts calls and answers with the call number (and what it was asked). */
async function counting(status = 200, cacheControl?: string): Promise<{ server: TestServer; calls: () => number }> {
  let calls = 0;
  const server = await startServer((req, res) => {
    calls++;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (cacheControl) headers['Cache-Control'] = cacheControl;
    res.writeHead(status, headers);
    res.end(JSON.stringify({ call: calls, url: req.url, accept: req.headers.accept ?? null }));
  });
  servers.push(server);
  return { server, calls: () => calls };
}

const doc = (lookup: string, store: string, outbound = '') =>
  `<policies><inbound>${lookup}</inbound><backend><forward-request /></backend><outbound>${store}${outbound}</outbound><on-error /></policies>`;
const T39_LOOKUP = `<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" downstream-caching-type="public" must-revalidate="true">
  <vary-by-header>Accept</vary-by-header><vary-by-header>Accept-Charset</vary-by-header>
</cache-lookup>`;

describe('cache-lookup / cache-store', () => {
  it('T39 cache: a GET response is served from the cache (backend skipped) until the duration ends; it varies by Accept', async () => {
    const { server, calls } = await counting();
    const h = harness(doc(T39_LOOKUP, '<cache-store duration="300" />'));
    const id = { backendUrl: `${server.url}/op` };
    const first = await h.send({ headers: { Accept: 'application/json' } }, id);
    expect(JSON.parse(first.text).call).toBe(1);
    expect(first.header('Cache-Control')).toBe('public, max-age=300, must-revalidate');
    h.clock.advance(100_000);
    const hit = await h.send({ headers: { Accept: 'application/json' } }, id);
    expect(hit.status).toBe(200);
    expect(JSON.parse(hit.text).call).toBe(1);
    expect(hit.header('Content-Type')).toBe('application/json');
    expect(hit.header('Cache-Control')).toBe('public, max-age=200, must-revalidate');
    expect(calls()).toBe(1);
    // Another Accept value is another entry.
    expect(JSON.parse((await h.send({ headers: { Accept: 'text/plain' } }, id)).text).call).toBe(2);
    h.clock.advance(200_000);
    expect(JSON.parse((await h.send({ headers: { Accept: 'application/json' } }, id)).text).call).toBe(3);
  });

  it('outbound runs on a hit (here: a header set in outbound appears on the cached response)', async () => {
    const { server, calls } = await counting();
    const h = harness(
      doc(T39_LOOKUP, '<cache-store duration="60" />', '<set-header name="x-served" exists-action="override"><value>outbound</value></set-header>'),
    );
    const id = { backendUrl: `${server.url}/op` };
    await h.send({}, id);
    const hit = await h.send({}, id);
    expect(calls()).toBe(1);
    expect(hit.header('x-served')).toBe('outbound');
  });

  it('only GET is cached; only 200 unless cache-response="true"', async () => {
    const ok = await counting();
    const h = harness(doc(T39_LOOKUP, '<cache-store duration="60" />'));
    await h.send({ method: 'POST', body: '{}' }, { backendUrl: `${ok.server.url}/op` });
    await h.send({ method: 'POST', body: '{}' }, { backendUrl: `${ok.server.url}/op` });
    expect(ok.calls()).toBe(2);
    const notFound = await counting(404);
    await h.send({ url: 'https://apimx.local/api/missing' }, { backendUrl: `${notFound.server.url}/op` });
    await h.send({ url: 'https://apimx.local/api/missing' }, { backendUrl: `${notFound.server.url}/op` });
    expect(notFound.calls()).toBe(2);
    const any = harness(doc(T39_LOOKUP, '<cache-store duration="60" cache-response="true" />'));
    await any.send({ url: 'https://apimx.local/api/missing' }, { backendUrl: `${notFound.server.url}/op` });
    const hit = await any.send({ url: 'https://apimx.local/api/missing' }, { backendUrl: `${notFound.server.url}/op` });
    expect(hit.status).toBe(404);
    expect(notFound.calls()).toBe(3);
  });

  it('T39 cache: vary-by-query-parameter keys on the listed parameters only; otherwise on the whole query', async () => {
    const { server, calls } = await counting();
    const id = { backendUrl: `${server.url}/op` };
    const byVersion = harness(doc('<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" caching-type="internal"><vary-by-query-parameter>version</vary-by-query-parameter></cache-lookup>', '<cache-store duration="60" />'));
    await byVersion.send({ url: 'https://apimx.local/api/op?version=1&x=a' }, id);
    await byVersion.send({ url: 'https://apimx.local/api/op?version=1&x=b' }, id);
    expect(calls()).toBe(1);
    await byVersion.send({ url: 'https://apimx.local/api/op?version=2' }, id);
    expect(calls()).toBe(2);
    const whole = harness(doc('<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" />', '<cache-store duration="60" />'));
    await whole.send({ url: 'https://apimx.local/api/op?x=a' }, id);
    await whole.send({ url: 'https://apimx.local/api/op?x=b' }, id);
    await whole.send({ url: 'https://apimx.local/api/op?x=a' }, id);
    expect(calls()).toBe(4);
  });

  it('vary-by-developer keys on the user; Authorization requests are not cached unless allow-private-response-caching', async () => {
    const { server, calls } = await counting();
    const id = (user: string) => ({ backendUrl: `${server.url}/op`, user: { Id: user, Groups: [] } as never });
    const h = harness(doc('<cache-lookup vary-by-developer="true" vary-by-developer-groups="false" />', '<cache-store duration="60" />'));
    await h.send({}, id('u1'));
    await h.send({}, id('u1'));
    await h.send({}, id('u2'));
    expect(calls()).toBe(2);
    await h.send({ headers: { Authorization: 'Bearer x' } }, id('u3'));
    await h.send({ headers: { Authorization: 'Bearer x' } }, id('u3'));
    expect(calls()).toBe(4);
    const privateOk = harness(doc('<cache-lookup vary-by-developer="false" vary-by-developer-groups="false" allow-private-response-caching="true"><vary-by-header>Authorization</vary-by-header></cache-lookup>', '<cache-store duration="60" />'));
    await privateOk.send({ headers: { Authorization: 'Bearer y' } }, id('u3'));
    await privateOk.send({ headers: { Authorization: 'Bearer y' } }, id('u3'));
    expect(calls()).toBe(5);
  });

  it('cache-store without a cache-lookup stores nothing', async () => {
    const { server, calls } = await counting();
    const h = harness(doc('', '<cache-store duration="60" />'));
    await h.send({}, { backendUrl: `${server.url}/op` });
    await h.send({}, { backendUrl: `${server.url}/op` });
    expect(calls()).toBe(2);
  });

  it('caching-type: internal, external and prefer-external (the default) all use the one gateway cache', async () => {
    for (const type of ['internal', 'external', 'prefer-external', null]) {
      const { server, calls } = await counting();
      const attribute = type === null ? '' : ` caching-type="${type}"`;
      const h = harness(doc(`<cache-lookup vary-by-developer="false" vary-by-developer-groups="false"${attribute} />`, '<cache-store duration="60" />'));
      const id = { backendUrl: `${server.url}/op` };
      await h.send({}, id);
      const hit = await h.send({}, id);
      expect(JSON.parse(hit.text).call, String(type)).toBe(1);
      expect(calls(), String(type)).toBe(1);
    }
  });
});

