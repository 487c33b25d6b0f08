// The gateway loads the tokenizers when it starts, in the background, when a document has a token policy that
// estimates (llm-token-limit, llm-emit-token-metric), so that the first estimating request does not wait for
// them; a configuration without one never loads them. The encoders are per process, so the order of these
// two tests matters: the one that must not load them runs first.
import { tokens } from '@apimx/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

describe('tokenizers loaded at start', () => {
  let gateway: RunningGateway | undefined;
  let upstream: Upstream | undefined;

  afterEach(async () => {
    await gateway?.close({ timeoutMs: 1000 });
    await upstream?.close();
    gateway = undefined;
  });

  function start(api: string): Promise<RunningGateway> {
    return (async () => {
      upstream = await startUpstream((req, res) => {
        req.resume();
        res.end('ok');
      });
      const dir = writeFixture({
        'apimx.yaml': `apis:\n  a: { path: a, serviceUrl: "${upstream.url}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }\n`,
        'api.xml': api,
      });
      gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
      return gateway;
    })();
  }

  it('not loaded for documents without a token policy, even after requests', async () => {
    const g = await start(policies({ inbound: '<base /><rate-limit calls="10" renewal-period="60" />', backend: '<forward-request />' }));
    expect(g.model().estimatesTokens).toBe(false);
    expect((await fetch(`${g.url}/a/`)).status).toBe(200);
    expect(tokens.loadedEncoder('o200k_base')).toBeUndefined();
    expect(tokens.loadedEncoder('cl100k_base')).toBeUndefined();
  });

  it('loaded after start, with no request, when a document has llm-token-limit (here inside a choose)', async () => {
    const g = await start(
      policies({
        inbound: '<base /><choose><when condition="@(true)"><llm-token-limit counter-key="k" tokens-per-minute="1000" estimate-prompt-tokens="false" /></when></choose>',
        backend: '<forward-request />',
      }),
    );
    expect(g.model().estimatesTokens).toBe(true);
    await vi.waitFor(() => {
      expect(tokens.loadedEncoder('o200k_base')).toBeDefined();
      expect(tokens.loadedEncoder('cl100k_base')).toBeDefined();
    }, { timeout: 20_000, interval: 50 });
  });
});
