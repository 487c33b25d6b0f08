// Listening on the port asked for, or (when allowed) on the next free one: `apimx start` without --port takes
// 8080 unless it is taken. A port that cannot be had is a PortInUseError saying which ones were tried.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export class PortInUseError extends Error {
  constructor(
    readonly host: string,
    readonly first: number,
    readonly last: number,
  ) {
    super(
      first === last
        ? `port ${first} on ${host} is already in use`
        : `ports ${first} to ${last} on ${host} are all in use`,
    );
    this.name = 'PortInUseError';
  }
}

/** Listens on `port`, else on each of the `fallbacks` ports after it; resolves with the port bound. */
export async function listenOnFreePort(server: Server, port: number, host: string, fallbacks = 0): Promise<number> {
  const last = port === 0 ? 0 : Math.min(port + fallbacks, 65535);
  for (let candidate = port; ; candidate++) {
    try {
      await listen(server, candidate, host);
      return (server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      if (candidate >= last) throw new PortInUseError(host, port, candidate);
    }
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: Error): void => reject(error);
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}
