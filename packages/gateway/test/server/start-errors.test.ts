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
});
