// Server-sent events reach the client chunk by chunk: the upstream sends the next event only after the client
// has received the previous one, so a gateway that buffered the stream would never complete this test. Both with
// a global policy that says buffer-response="false" and with none at all: apimx's default global policy
// forwards without buffering (see model/policy-loader.ts), where a pasted `<forward-request />` keeps APIM's
// default of 8 KB buffering.
import { request } from 'node:http';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { policies, writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

const SETUPS = [
  { name: 'global policy with buffer-response="false"', policy: 'policy: global.xml' },
  { name: 'no policy: in the configuration (the default global policy)', policy: '' },
];

describe.each(SETUPS)('streaming, $name', ({ policy }) => {
  let upstream: Upstream;
  let gateway: RunningGateway;
  let pending: ServerResponse | null = null;
  let upstreamSawAbort: Promise<void>;
  let markAbort: () => void;

  beforeAll(async () => {
    upstreamSawAbort = new Promise((resolve) => (markAbort = resolve));
    upstream = await startUpstream((req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.flushHeaders();
      pending = res;
      res.on('close', () => {
        if (!res.writableFinished) markAbort();
      });
      req.resume();
    });
    const dir = writeFixture({
      'apimx.yaml': `
apis:
  sse: { path: sse, serviceUrl: "${upstream.url}", subscriptionRequired: false, operations: [ { id: events, method: POST, urlTemplate: /events } ] }
${policy}
`,
      'global.xml': policies({ backend: '<forward-request buffer-response="false" />' }),
    });
    gateway = await startGateway({ config: `${dir}/apimx.yaml`, port: 0 });
  });

  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('each event is delivered before the upstream writes the next', async () => {
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const req = request(`${gateway.url}/sse/events`, { method: 'POST', headers: { 'content-type': 'application/json' } }, (res) => {
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('text/event-stream');
        res.setEncoding('utf8');
        let sent = 0;
        const sendNext = (): void => {
          sent++;
          if (sent <= 3) pending!.write(`data: ${sent}\n\n`);
          else pending!.end('data: [DONE]\n\n');
        };
        res.on('data', (chunk: string) => {
          received.push(chunk);
          sendNext();
        });
        res.on('end', resolve);
        sendNext();
      });
      req.on('error', reject);
      req.end('{"stream":true}');
    });
    expect(received.join('')).toBe('data: 1\n\ndata: 2\n\ndata: 3\n\ndata: [DONE]\n\n');
    expect(received.length).toBe(4);
  });

  it('a client that goes away mid-stream aborts the upstream call', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(`${gateway.url}/sse/events`, { method: 'POST' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
        pending!.write('data: first\n\n');
      });
      req.on('error', () => {});
      req.end('{}');
      setImmediate(() => req.on('error', reject));
    });
    await upstreamSawAbort;
  });
});
