// Reload when the configuration or a file it names changes. Directories are watched, not files, because
// editors replace a file on save (a watcher on the old file would go quiet); events are debounced.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname } from 'node:path';

export class ConfigWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly onChange: () => void,
    private readonly debounceMs = 200,
  ) {}

  /** Watch exactly these files from now on. */
  watch(files: Iterable<string>): void {
    this.stopWatching();
    const byDir = new Map<string, Set<string>>();
    for (const file of files) {
      const names = byDir.get(dirname(file)) ?? new Set<string>();
      names.add(basename(file));
      byDir.set(dirname(file), names);
    }
    for (const [dir, names] of byDir) {
      try {
        const watcher = watch(dir, (_event, name) => {
          if (name === null || names.has(name.toString())) this.schedule();
        });
        watcher.on('error', () => watcher.close());
        this.watchers.push(watcher);
      } catch {
        // A directory that vanished is reported by the reload that follows, not here.
      }
    }
  }

  close(): void {
    this.stopWatching();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.onChange();
    }, this.debounceMs);
  }

  private stopWatching(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
  }
}

/** Every file a configuration reads: itself, policies, fragments, OpenAPI documents. */
export function filesOf(config: import('../config/config-types.ts').GatewayConfig): string[] {
  const files = [config.file];
  if (config.policy) files.push(config.policy);
  files.push(...config.fragments.values());
  for (const product of config.products.values()) if (product.policy) files.push(product.policy);
  for (const api of config.apis.values()) {
    if (api.policy) files.push(api.policy);
    files.push(...api.operationPolicies.values());
    if (api.operations.kind === 'openapi') files.push(api.operations.file);
  }
  return files;
}
