// Secret named values are shown as secrets (`{{name}}`), never as their value: in configuration and policy errors
// at start and reload, in /apimx/health's last reload error, and in /apimx/traces. Plain named values are shown.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, PolicyLoadError, startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';

const SECRET = 'sk-live-0123456789abcdef';
const ENV_SECRET = 'env-secret-9876543210';

function config(extra = ''): string {
  return `
namedValues:
  backend-key: { value: "${SECRET}", secret: true }
  from-env: { env: APIMX_TEST_SECRET, secret: true }
  plain: visible-plain-value
apis:
  a: { path: a, serviceUrl: "http://127.0.0.1:9", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/" } ], policy: api.xml }
${extra}`;
}

const env = { APIMX_TEST_SECRET: ENV_SECRET };

async function startError(files: Record<string, string>): Promise<Error> {
  const dir = writeFixture(files);
  return startGateway({ config: `${dir}/apimx.yaml`, port: 0, env }).then(
    async (gateway) => {
      await gateway.close();
      throw new Error('expected the start to fail');
    },
    (e: unknown) => Object.assign(e as Error, { message: (e as Error).message.replaceAll(dir, '<dir>') }),
  );
}

describe('secret named values', () => {
  let gateway: RunningGateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('a configuration error shows {{name}} where a secret was substituted', async () => {
    const error = await startError({
      'apimx.yaml': config('backends:\n  b: { url: "ftp://{{backend-key}}/{{from-env}}/{{plain}}" }\n'),
      'api.xml': policies({}),
    });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(
      "<dir>/apimx.yaml: $.backends.b.url: expected an absolute http(s):// or mock:// URL, found 'ftp://{{backend-key}}/{{from-env}}/visible-plain-value'",
    );
  });

  it('a policy error shows {{name}} where a secret was substituted', async () => {
    const error = await startError({ 'apimx.yaml': config(), 'api.xml': policies({ inbound: '<base /><rate-limit calls="{{backend-key}}" renewal-period="{{plain}}" />' }) });
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect(error.message).toBe(
      [
        "<dir>/api.xml:2:30: attribute 'calls' of <rate-limit> must be an integer, got '{{backend-key}}'",
        "<dir>/api.xml:2:54: attribute 'renewal-period' of <rate-limit> must be an integer, got 'visible-plain-value'",
      ].join('\n'),
    );
  });

  it('a failed reload: the log and /apimx/health show {{name}}', async () => {
    const dir = writeFixture({ 'apimx.yaml': config(), 'api.xml': policies({}) });
    const log: string[] = [];
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, env, log: (line) => log.push(line) });
    writeFileSync(`${dir}/api.xml`, policies({ inbound: '<base /><rate-limit calls="{{from-env}}" renewal-period="60" />' }));
    const result = await gateway.reload();
    const expected = `${dir}/api.xml:2:30: attribute 'calls' of <rate-limit> must be an integer, got '{{from-env}}'`;
    expect(result).toEqual({ ok: false, error: expected });
    expect(log).toEqual([`apimx: reload failed; still serving the previous configuration\n${expected}`]);
    const health = (await (await fetch(`${gateway.url}/apimx/health`)).json()) as { reloads: unknown };
    expect(health.reloads).toEqual({ count: 0, lastError: expected });
  });

  it('/apimx/traces shows {{name}} for a secret in variables and error messages; plain values as they are', async () => {
    const dir = writeFixture({
      'apimx.yaml': config(),
      'api.xml': policies({
        inbound: [
          '<base />',
          '<set-variable name="key" value="{{backend-key}}" />',
          '<set-variable name="header" value="Bearer {{from-env}}" />',
          '<set-variable name="plain" value="{{plain}}" />',
          '<trace source="t"><message>key {{backend-key}}</message></trace>',
          '<set-variable name="n" value="@(int.Parse(&quot;{{backend-key}}&quot;))" />',
        ].join('\n'),
      }),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, env });
    const reply = await fetch(`${gateway.url}/a/`);
    expect(reply.status).toBe(500);
    const requestId = ((await reply.json()) as { activityId: string }).activityId;
    const text = await (await fetch(`${gateway.url}/apimx/traces`)).text();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(ENV_SECRET);
    const [trace] = JSON.parse(text) as { variables: unknown; traces: { message: string }[]; lastError: { Message: string } }[];
    expect(trace!.variables).toEqual({ key: '{{backend-key}}', header: 'Bearer {{from-env}}', plain: 'visible-plain-value' });
    expect(trace!.traces.map((t) => t.message)).toEqual(['key {{backend-key}}']);
    expect(trace!.lastError.Message).toBe("Expression evaluation failed. The input string '{{backend-key}}' was not in a correct format.");
    const one = (await (await fetch(`${gateway.url}/apimx/traces/${requestId}`)).json()) as { variables: unknown };
    expect(one.variables).toEqual(trace!.variables);
  });
});
