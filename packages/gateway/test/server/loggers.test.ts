// Loggers: an ARM logger pasted as it is feeds log-to-eventhub's JSON lines to stdout or a file; a policy whose
// logger-id names no azureEventHub logger is refused at load with file:line:col.
import { readFileSync, writeFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, PolicyLoadError, readConfig, startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const LOG_POLICY = policies({
  inbound: [
    '<base />',
    '<log-to-eventhub logger-id="events" partition-id="1">@(context.Request.Method + " " + context.Request.OriginalUrl.Path)</log-to-eventhub>',
  ].join('\n'),
});

function config(upstream: string, loggers: string): string {
  return `
namedValues:
  eh-connection: { value: "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=abc", secret: true }
loggers:
${loggers}
apis:
  echo: { path: echo, serviceUrl: "${upstream}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/{id}" } ], policy: api.xml }
`;
}

// A logger as `az apim logger show` / an ARM template gives it: the resource with its properties.
const ARM_LOGGER = (sink: string): string => `
  events:
    name: events
    type: Microsoft.ApiManagement/service/loggers
    properties:
      loggerType: azureEventHub
      description: request events
      credentials: { name: apim-events, connectionString: "{{eh-connection}}" }
      isBuffered: true
      resourceId: /subscriptions/s/resourceGroups/g/providers/Microsoft.EventHub/namespaces/ns
${sink}`;

function lines(text: string): unknown[] {
  return text.trim().split('\n').map((line) => JSON.parse(line) as unknown);
}

describe('loggers and log-to-eventhub', () => {
  let upstream: Upstream;
  let gateway: RunningGateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    await upstream?.close();
    gateway = undefined;
  });

  it('an ARM azureEventHub logger with a file sink: one JSON line per message', async () => {
    upstream = await startUpstream((_req, res) => res.end('ok'));
    const dir = writeFixture({ 'apimx.yaml': config(upstream.url, ARM_LOGGER('    sink: { file: logs/events.jsonl }')), 'api.xml': LOG_POLICY, 'logs/.keep': '' });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
    expect((await fetch(`${gateway.url}/echo/1`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/echo/2`)).status).toBe(200);
    const health = (await (await fetch(`${gateway.url}/apimx/health`)).json()) as { loggers: unknown };
    expect(health.loggers).toEqual({ events: { loggerType: 'azureEventHub', sink: `${dir}/logs/events.jsonl`, error: null } });
    await gateway.close(); // flushes the file
    gateway = undefined;
    const events = lines(readFileSync(`${dir}/logs/events.jsonl`, 'utf8')) as Record<string, unknown>[];
    expect(events.map(({ time: _t, ...rest }) => rest)).toEqual([
      { loggerId: 'events', partitionId: '1', partitionKey: null, message: 'GET /echo/1' },
      { loggerId: 'events', partitionId: '1', partitionKey: null, message: 'GET /echo/2' },
    ]);
    expect(events.every((e) => typeof e['time'] === 'string' && !Number.isNaN(Date.parse(e['time'] as string)))).toBe(true);
  });

  it('stdout is the default sink; a reload can move a logger to a file', async () => {
    upstream = await startUpstream((_req, res) => res.end('ok'));
    const bare = '  events: { loggerType: azureEventHub, credentials: { name: hub, connectionString: "{{eh-connection}}" } }';
    const dir = writeFixture({ 'apimx.yaml': config(upstream.url, bare), 'api.xml': LOG_POLICY });
    const stdout = new PassThrough();
    let written = '';
    stdout.on('data', (chunk: Buffer) => (written += chunk.toString()));
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0, stdout });
    await fetch(`${gateway.url}/echo/a`);
    writeFileSync(`${dir}/apimx.yaml`, config(upstream.url, `${bare.replace(' }', ' }, sink: { file: moved.jsonl }')}`));
    expect(await gateway.reload()).toMatchObject({ ok: true });
    await fetch(`${gateway.url}/echo/b`);
    await gateway.close();
    gateway = undefined;
    expect(lines(written)).toEqual([expect.objectContaining({ loggerId: 'events', message: 'GET /echo/a' })]);
    expect(lines(readFileSync(`${dir}/moved.jsonl`, 'utf8'))).toEqual([expect.objectContaining({ loggerId: 'events', message: 'GET /echo/b' })]);
  });

  it('a logger-id that names no logger, or one that is not an Event Hub logger, is refused at load', async () => {
    upstream = await startUpstream((_req, res) => res.end('ok'));
    const dir = writeFixture({
      'apimx.yaml': `${config(upstream.url, '  insights: { loggerType: applicationInsights, credentials: { instrumentationKey: k } }')}fragments: { f: f.xml }\n`,
      'api.xml': policies({
        inbound: '<base />\n<log-to-eventhub logger-id="nope">x</log-to-eventhub>\n<log-to-eventhub logger-id="insights">y</log-to-eventhub>',
      }),
      'f.xml': '<fragment>\n  <log-to-eventhub logger-id="ghost">z</log-to-eventhub>\n</fragment>',
    });
    const error = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(PolicyLoadError);
    expect(error!.message.replaceAll(dir, '<dir>').split('\n')).toEqual([
      "<dir>/f.xml:2:20: logger-id 'ghost' names no logger (no azureEventHub logger is configured under $.loggers)",
      "<dir>/api.xml:3:18: logger-id 'nope' names no logger (no azureEventHub logger is configured under $.loggers)",
      "<dir>/api.xml:4:18: logger 'insights' is an applicationInsights logger; log-to-eventhub needs an azureEventHub logger",
    ]);
  });

  it('configuration problems at their JSON path', () => {
    let issues: string[] = [];
    try {
      readConfig(
        {
          loggers: {
            a: { type: 'azureEventHub' },
            b: { loggerType: 'kafka' },
            c: { properties: { loggerType: 'applicationInsights' }, sink: 'stdout' },
            d: { loggerType: 'azureEventHub', sink: { file: 'no/such/dir/x.jsonl' } },
            e: { loggerType: 'azureEventHub', sink: 'stderr' },
          },
        },
        '/cfg/apimx.yaml',
        {},
      );
    } catch (error) {
      issues = (error as ConfigError).issues.map((issue) => `${issue.path}: ${issue.message}`);
    }
    expect(issues).toEqual([
      "$.loggers.a.type: unknown field 'type' (expected one of: loggerType, description, credentials, isBuffered, resourceId, sink)",
      '$.loggers.a.loggerType: is required (one of azureEventHub, applicationInsights, azureMonitor)',
      "$.loggers.b.loggerType: expected one of azureEventHub, applicationInsights, azureMonitor, found 'kafka'",
      '$.loggers.c.sink: only an azureEventHub logger has a local sink (this one is applicationInsights)',
      '$.loggers.d.sink.file: directory not found: /cfg/no/such/dir',
      '$.loggers.e.sink: expected stdout or { file: <path> }, found string "stderr"',
    ]);
  });
});
