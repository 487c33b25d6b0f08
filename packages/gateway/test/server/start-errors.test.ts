// A policy document that cannot run fails the start with file:line:col, never a request.
import { describe, expect, it } from 'vitest';
import { PolicyLoadError, startGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

async function startError(files: Record<string, string>): Promise<Error> {
  const dir = writeFixture(files);
  const error = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 }).then(
    async (gateway) => {
      await gateway.close();
      throw new Error('expected the start to fail');
    },
    (e: unknown) => e as Error,
  );
  return Object.assign(error, { message: error.message.replaceAll(dir, '<dir>') });
}

const CONFIG = `
namedValues: { known: value }
apis: { a: { path: a, serviceUrl: "http://127.0.0.1:9", operations: openai-v1, policy: api.xml } }
`;

describe('start-time policy errors', () => {
  it('an unknown named value in a policy file', async () => {
    const error = await startError({ 'apimx.yaml': CONFIG, 'api.xml': policies({ inbound: '<base />\n<set-header name="x"><value>{{unknown}}</value></set-header>' }) });
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect(error.message).toBe("<dir>/api.xml:3:29: unknown named value '{{unknown}}'");
  });

  it('an unknown policy element', async () => {
    const error = await startError({ 'apimx.yaml': CONFIG, 'api.xml': policies({ inbound: '<base /><frobnicate />' }) });
    expect(error.message).toMatch(/^<dir>\/api\.xml:2:\d+: .*frobnicate/);
  });

  it('an operation policy for an operation the API does not have', async () => {
    const error = await startError({
      'apimx.yaml': CONFIG.replace('policy: api.xml }', 'policy: api.xml, operationPolicies: { nope: api.xml } }'),
      'api.xml': policies({}),
    });
    expect(error.message).toBe("<dir>/apimx.yaml: $.apis.a.operationPolicies.nope: API 'a' has no operation 'nope'");
  });

  describe('policies at scopes APIM does not allow them at (spec §1.5)', () => {
    const SCOPED = `
apis: { a: { path: a, serviceUrl: "http://127.0.0.1:9", operations: openai-v1, policy: api.xml, operationPolicies: { createChatCompletion: op.xml } } }
products: { p: { apis: [a], policy: product.xml } }
fragments: { limits: limits.xml }
policy: global.xml
`;
    const files = (overrides: Record<string, string>): Record<string, string> => ({
      'apimx.yaml': SCOPED,
      'global.xml': policies({}),
      'product.xml': policies({}),
      'api.xml': policies({}),
      'op.xml': policies({}),
      'limits.xml': '<fragment>\n  <rate-limit calls="5" renewal-period="60" />\n</fragment>',
      ...overrides,
    });

    it('rate-limit: product, API and operation scope (global refused, also nested and through a fragment)', async () => {
      const error = await startError(
        files({
          'global.xml': policies({
            inbound: '<choose><when condition="@(true)"><rate-limit calls="2" renewal-period="60" /></when></choose>\n<include-fragment fragment-id="limits" />',
          }),
          'product.xml': policies({ inbound: '<base /><rate-limit calls="3" renewal-period="60" />' }),
          'api.xml': policies({ inbound: '<base /><include-fragment fragment-id="limits" />' }),
          'op.xml': policies({ inbound: '<base /><rate-limit calls="4" renewal-period="60" />' }),
        }),
      );
      expect(error).toBeInstanceOf(PolicyLoadError);
      expect(error.message.split('\n')).toEqual([
        '<dir>/global.xml:2:44: <rate-limit> is not allowed at global scope; APIM allows it at product, API and operation scope only',
        '<dir>/limits.xml:2:3: <rate-limit> is not allowed at global scope (included at <dir>/global.xml:3:1); APIM allows it at product, API and operation scope only',
      ]);
      const bare = await startError(files({ 'global.xml': policies({ inbound: '<rate-limit calls="1" renewal-period="60" />' }) }));
      expect(bare.message).toBe('<dir>/global.xml:2:10: <rate-limit> is not allowed at global scope; APIM allows it at product, API and operation scope only');
    });

    it('llm-content-safety: global, product and API scope, not operation (the 2026 reference)', async () => {
      const error = await startError(files({ 'op.xml': policies({ inbound: '<base /><llm-content-safety backend-id="cs" />' }) }));
      expect(error.message).toBe(
        '<dir>/op.xml:2:18: <llm-content-safety> is not allowed at operation scope; APIM allows it at global, workspace, product and API scope only',
      );
    });

    it('quota: product scope only', async () => {
      const quota = '<base /><quota calls="10" renewal-period="3600" />';
      const error = await startError(files({ 'product.xml': policies({ inbound: quota }), 'api.xml': policies({ inbound: quota }), 'op.xml': policies({ inbound: quota }) }));
      expect(error.message.split('\n')).toEqual([
        '<dir>/api.xml:2:18: <quota> is not allowed at API scope; APIM allows it at product scope only',
        '<dir>/op.xml:2:18: <quota> is not allowed at operation scope; APIM allows it at product scope only',
      ]);
    });
  });
});
