// A loopback TCP proxy in front of Redis that a test can cut (close every connection and refuse new ones, as when
// Redis goes down) or stall (keep connections open but pass nothing, as with a hung server), then restore.

import type { AddressInfo, Server, Socket } from 'node:net';
import { createConnection, createServer } from 'node:net';

export class TcpProxy {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly pairs = new Set<[Socket, Socket]>();
  private state: 'open' | 'cut' | 'stalled' = 'open';

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(targetUrl: string): Promise<TcpProxy> {
    const { hostname, port } = new URL(targetUrl);
    const proxy = new TcpProxy(hostname, Number(port || 6379));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  /** redis:// URL of the proxy (same database and credentials as the target). */
  url(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.hostname = '127.0.0.1';
    url.port = String((this.server.address() as AddressInfo).port);
    return url.toString();
  }

  /** Drop every connection; new ones are closed as soon as they arrive. */
  cut(): void {
    this.state = 'cut';
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    this.pairs.clear();
  }

  /** Keep connections but forward nothing in either direction. */
  stall(): void {
    this.state = 'stalled';
    for (const [client, upstream] of this.pairs) unlink(client, upstream);
  }

  restore(): void {
    const wasStalled = this.state === 'stalled';
    this.state = 'open';
    if (wasStalled) for (const [client, upstream] of this.pairs) link(client, upstream);
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.state === 'cut') {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: this.targetHost, port: this.targetPort });
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('error', () => undefined);
      socket.on('close', () => {
        this.sockets.delete(socket);
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      });
    }
    if (this.state === 'open') link(client, upstream);
  }
}

function link(client: Socket, upstream: Socket): void {
  client.pipe(upstream);
  upstream.pipe(client);
}

// Unpiped and paused, a socket buffers what arrives and forwards nothing until linked again.
function unlink(client: Socket, upstream: Socket): void {
  client.unpipe(upstream);
  upstream.unpipe(client);
  client.pause();
  upstream.pause();
}
