// startMockBackend: the handler on its own node:http server (keep-alive, no framework: it is the benchmark upstream).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokens } from '@apimx/runtime';
import type { LiveConfig } from './control.ts';
import { createMockHandler, type MockHandler } from './handler.ts';
import type { MockBackendOptions, MockFailure } from './options.ts';
import type { MockStats } from './stats.ts';

export interface MockBackend {
  /** e.g. http://127.0.0.1:41234 (no trailing slash). */
  url: string;
  port: number;
  name: string;
  stats: MockStats;
  handler: MockHandler;
  server: Server;
  enqueueFailures(failures: MockFailure[]): void;
  configure(patch: LiveConfig): void;
  reset(): void;
  /** Stops listening and closes idle and open connections. */
  close(): Promise<void>;
}

export async function startMockBackend(options: MockBackendOptions = {}): Promise<MockBackend> {
  const handler = createMockHandler(options);
  // Every completion counts tokens. Built before the first request rather than under load: requests caught in
  // flight by the ~1.5 s build were promoted to V8's old generation, and from then on every request's objects were
  // (scavenges 1 ms -> 7 ms, the mock and anything sharing its process a third slower).
  await tokens.preloadEncoders();
  const server = createServer({ keepAliveTimeout: 65_000 }, handler.handle);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    name: handler.name,
    stats: handler.stats,
    handler,
    server,
    enqueueFailures: (failures) => handler.enqueueFailures(failures),
    configure: (patch) => handler.configure(patch),
    reset: () => handler.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err === undefined ? resolve() : reject(err)));
        server.closeAllConnections();
      }),
  };
}
