// `apimx usage` against a running gateway's admin: the table by a dimension, the query options passed through,
// and the gateway's 400 message on a bad query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { parseUsageArgs } from '../../src/cli/usage.ts';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

// Token counts arrive as emit-metric records under the token metric names the usage ledger sums.
const API_POLICY = policies({
  inbound: `<base />
    <emit-metric name="Total Tokens" namespace="openai" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-tokens&quot;, &quot;0&quot;))">
      <dimension name="API ID" />
      <dimension name="Team" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-team&quot;, &quot;none&quot;))" />
    </emit-metric>`,
  backend: '<forward-request />',
});

describe('apimx usage', () => {
  let upstream: Upstream;
  let gateway: RunningGateway;

  beforeAll(async () => {
    upstream = await startUpstream((req, res) => {
      req.resume();
      res.end('ok');
    });
    const dir = writeFixture({
      'apimx.yaml': `apis:\n  chat: { path: chat, serviceUrl: "${upstream.url}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }\n`,
      'api.xml': API_POLICY,
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    for (const [team, tokens] of [['red', 100], ['blue', 30], ['red', 20]] as const) {
      const res = await fetch(`${gateway.url}/chat/`, { headers: { 'x-team': team, 'x-tokens': String(tokens) } });
      await res.text();
    }
  });

  afterAll(async () => {
    await gateway?.close({ timeoutMs: 1000 });
    await upstream?.close();
  });

  async function run(...args: string[]): Promise<{ code: number; out: string }> {
    const lines: string[] = [];
    const code = await main(['usage', ...args], (line) => lines.push(line));
    return { code, out: lines.join('\n') };
  }

  it('prints the usage by a dimension as a table', async () => {
    const { code, out } = await run('--url', gateway.url, '--groupBy', 'Team', '--last', '1h');
    expect(code).toBe(0);
    const rows = out.split('\n').map((line) => line.trim().split(/\s{2,}/));
    expect(rows[0]).toEqual(['Team', 'Requests', 'Prompt', 'Completion', 'Total', 'Cached', 'Reasoning']);
    expect(rows.slice(1)).toEqual([
      ['red', '2', '0', '0', '120', '0', '0'],
      ['blue', '1', '0', '0', '30', '0', '0'],
      ['TOTAL', '3', '0', '0', '150', '0', '0'],
    ]);
  });

  it('passes filters through and takes the admin URL too', async () => {
    const { code, out } = await run(`--url=${gateway.url}/apimx`, '--filter', 'Team:blue', '--json');
    expect(code).toBe(0);
    expect(JSON.parse(out).totals).toMatchObject({ requests: 1, total: 30 });
  });

  it("reports the gateway's message on a bad query (exit 1) and bad options (exit 2)", async () => {
    const bad = await run('--url', gateway.url, '--interval', 'fortnight');
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^apimx usage: 400 from .*: .*interval/);
    expect(parseUsageArgs(['--bogus', 'x'])).toBe("apimx usage: unknown option '--bogus'");
    expect((await run('--groupBy')).code).toBe(2);
  });
});
