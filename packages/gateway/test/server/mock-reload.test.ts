// An in-process mock follows a configuration reload: what a running mock can change is applied and printed; what it
// cannot (its port, its start-up failures) is printed as needing a restart. Misspelt or out-of-range mock options
// are configuration errors.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, readConfig, startGateway, type RunningGateway } from '../../src/index.ts';
import { writeFixture } from '../support/fixture.ts';

const config = (mock: string): string => `
mocks: [ ${mock} ]
apis:
  v1: { path: v1, serviceUrl: "mock://m/v1", subscriptionRequired: false, operations: openai-v1 }
`;

async function chat(gateway: RunningGateway): Promise<{ status: number; region: string | null }> {
  const reply = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] }),
  });
  await reply.arrayBuffer();
  return { status: reply.status, region: reply.headers.get('x-ms-region') };
}

describe('mock options on reload', () => {
  let gateway: RunningGateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('region and apiKey are applied to the running mock, and said so', async () => {
    const dir = writeFixture({ 'apimx.yaml': config('{ name: m, region: westeurope }') });
    const log: string[] = [];
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, log: (line) => log.push(line) });
    expect(await chat(gateway)).toEqual({ status: 200, region: 'westeurope' });

    writeFileSync(`${dir}/apimx.yaml`, config('{ name: m, region: swedencentral, apiKey: needed-now }'));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    expect(log[0]).toBe("apimx: mock 'm': apiKey, region changed; applied");
    // The gateway sends no key, so the mock now refuses it (and says where it runs).
    expect(await chat(gateway)).toEqual({ status: 401, region: 'swedencentral' });

    writeFileSync(`${dir}/apimx.yaml`, config('{ name: m }'));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    expect(log[2]).toBe("apimx: mock 'm': apiKey, region changed; applied");
    expect(await chat(gateway)).toEqual({ status: 200, region: null });
  });

  it('a new port or start-up failures need a restart, and a removed mock keeps running: each printed', async () => {
    const dir = writeFixture({ 'apimx.yaml': config('{ name: m }') });
    const log: string[] = [];
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, log: (line) => log.push(line) });
    const url = gateway.mocks.running.get('m')!.url;

    writeFileSync(`${dir}/apimx.yaml`, config('{ name: m, port: 1, failures: [ { status: 500 } ] }'));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    expect(log[0]).toBe("apimx: mock 'm': failures, port changed; restart needed (takes effect at the next start)");
    expect(gateway.mocks.running.get('m')!.url).toBe(url);
    expect((await chat(gateway)).status).toBe(200);

    writeFileSync(`${dir}/apimx.yaml`, 'mocks: [ { name: other } ]\napis: { v1: { path: v1, serviceUrl: "mock://other/v1", subscriptionRequired: false, operations: openai-v1 } }\n');
    expect(await gateway.reload()).toMatchObject({ ok: true });
    expect(log.slice(2, 3)).toEqual(["apimx: mock 'm' is no longer configured; it keeps running until the next start"]);
    expect((await chat(gateway)).status).toBe(200);
  });

  it('unknown and out-of-range options are configuration errors at their JSON path', () => {
    let issues: string[] = [];
    try {
      readConfig({ mocks: [{ name: 'm', latncyMs: 5, failRate: 2, failures: [{ status: 99, fail: 'explode' }] }] }, '/cfg/apimx.yaml', {});
    } catch (error) {
      issues = (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
    }
    expect(issues).toEqual([
      "$.mocks[0].latncyMs: unknown field 'latncyMs' (expected one of: name, port, region, latencyMs, chunkDelayMs, failRate, failStatus, failures, apiKey, models, contentSafety)",
      '$.mocks[0].failRate: expected a number from 0 to 1, found 2',
      '$.mocks[0].failures[0].status: expected an integer from 100 to 599, found number 99',
      "$.mocks[0].failures[0].fail: expected one of reset, mid-stream, found 'explode'",
    ]);
  });
});
