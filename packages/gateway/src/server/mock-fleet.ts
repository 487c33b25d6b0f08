// The in-process mock backends a configuration asks for (`mocks:`), started once and kept across reloads.
import { startMockBackend, type MockBackend } from '../mock/index.ts';
import type { MockBackendOptions } from '../mock/index.ts';
import type { MockConfig } from '../config/config-types.ts';

export class MockFleet {
  readonly running = new Map<string, MockBackend>();

  /** Start the mocks not running yet; returns name → base URL for every configured mock. */
  async ensure(mocks: readonly MockConfig[], host: string): Promise<Map<string, string>> {
    for (const mock of mocks) {
      if (this.running.has(mock.name)) continue;
      const options = { ...(mock.options as MockBackendOptions), name: mock.name, port: mock.port, host };
      this.running.set(mock.name, await startMockBackend(options));
    }
    return new Map(mocks.map((mock) => [mock.name, this.running.get(mock.name)!.url]));
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.values()].map((mock) => mock.close()));
    this.running.clear();
  }
}
