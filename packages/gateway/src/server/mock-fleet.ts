// The in-process mock backends a configuration asks for (`mocks:`), started once and kept across reloads. A reload
// that changes a mock's options applies what a running mock can take on (latency, failure rate, key, models...)
// and says which changes need a restart (its port, its start-up failures); nothing changes silently.
import { LIVE_OPTIONS } from '../mock/handler.ts';
import { startMockBackend, type MockBackend } from '../mock/index.ts';
import type { MockConfig } from '../config/config-types.ts';

export class MockFleet {
  readonly running = new Map<string, MockBackend>();
  /** The configuration each running mock follows now. */
  private readonly configured = new Map<string, MockConfig>();
  private readonly unconfigured = new Set<string>();

  /** Start the mocks not running yet; returns name → base URL for every configured mock. */
  async ensure(mocks: readonly MockConfig[], host: string): Promise<Map<string, string>> {
    for (const mock of mocks) {
      if (this.running.has(mock.name)) continue;
      this.running.set(mock.name, await startMockBackend({ ...mock.options, name: mock.name, port: mock.port, host }));
      this.configured.set(mock.name, mock);
    }
    return new Map(mocks.map((mock) => [mock.name, this.running.get(mock.name)!.url]));
  }

  /** Once a configuration serves: bring the running mocks in line with it, reporting each change. */
  reconcile(mocks: readonly MockConfig[], log: (line: string) => void): void {
    for (const mock of mocks) {
      this.unconfigured.delete(mock.name);
      const before = this.configured.get(mock.name)!;
      this.configured.set(mock.name, mock);
      const changed = changedOptions(before, mock);
      const live = changed.filter((key) => (LIVE_OPTIONS as readonly string[]).includes(key));
      const restart = changed.filter((key) => !live.includes(key));
      if (live.length > 0) {
        this.running.get(mock.name)!.handler.reconfigure(mock.options);
        log(`apimx: mock '${mock.name}': ${live.join(', ')} changed; applied`);
      }
      if (restart.length > 0) log(`apimx: mock '${mock.name}': ${restart.join(', ')} changed; restart needed (takes effect at the next start)`);
    }
    for (const name of this.running.keys()) {
      if (mocks.some((mock) => mock.name === name) || this.unconfigured.has(name)) continue;
      this.unconfigured.add(name);
      log(`apimx: mock '${name}' is no longer configured; it keeps running until the next start`);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.running.values()].map((mock) => mock.close()));
    this.running.clear();
    this.configured.clear();
  }
}

/** Option names (and `port`) whose values differ. */
function changedOptions(before: MockConfig, after: MockConfig): string[] {
  const keys = new Set([...Object.keys(before.options), ...Object.keys(after.options)]);
  const changed = [...keys].filter(
    (key) => JSON.stringify(before.options[key as keyof MockConfig['options']]) !== JSON.stringify(after.options[key as keyof MockConfig['options']]),
  );
  if (before.port !== after.port) changed.push('port');
  return changed.sort();
}
