// A client that goes away before the backend has answered aborts the backend call; a keep-alive connection
// whose earlier requests finished keeps serving (the client signal is per connection, see client-signal.ts).
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/index.ts';
import { writeFixture } from '../support/fixture.ts';
import { startUpstream, type Upstream } from '../support/upstream.ts';

describe('client going away', () => {
  let upstream: Upstream | undefined;
  let gateway: RunningGateway | undefined;
  const held: ServerResponse[] = [];

  afterEach(async () => {
    for (const res of held.splice(0)) res.end();
    await gateway?.close({ timeoutMs: 1000 });
    await upstream?.close();
  });

  async function start(onRequest: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
    upstream = await startUpstream(onRequest);
    const dir = writeFixture({
      'apimx.yaml': `apis:\n  api: { path: api, serviceUrl: "${upstream.url}", subscriptionRequired: false, operations: [ { id: get, method: GET, urlTemplate: "/{name}" } ] }\n`,
    });
    gateway = await startGateway({ config: join(dir, 'apimx.yaml'), port: 0 });
    return gateway.url;
  }

  it('before the backend answers: the backend call is aborted and the request is no longer in flight', async () => {
    let upstreamClosed!: () => void;
    const closed = new Promise<void>((resolve) => (upstreamClosed = resolve));
    let arrived!: () => void;
    const atUpstream = new Promise<void>((resolve) => (arrived = resolve));
    const url = await start((req, res) => {
      held.push(res);
      res.on('close', () => upstreamClosed());
      arrived();
    });
    const client = request(`${url}/api/slow`);
    client.on('error', () => {});
    client.end();
    await atUpstream;
    expect(gateway!.inFlight()).toBe(1);
    client.destroy();
    await closed;
    await expect.poll(() => gateway!.inFlight()).toBe(0);
  });

  it('a keep-alive connection serves request after request, each with its own answer', async () => {
    const url = await start((req, res) => res.end(`hello ${req.url}`));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    const get = (name: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const req = request(`${url}/api/${name}`, { agent }, (res) => {
          sockets.add(res.socket);
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve(body));
        });
        req.on('error', reject);
        req.end();
      });
    for (const name of ['a', 'b', 'c']) expect(await get(name)).toBe(`hello /${name}`);
    expect(sockets.size).toBe(1);
    agent.destroy();
  });
});
