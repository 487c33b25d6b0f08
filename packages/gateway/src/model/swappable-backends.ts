// The runtime's backend registry behind a configuration reload: set-backend-service looks ids up in whatever
// configuration is current (the runtime's other services, counters included, stay as they are).
import type { RuntimeServices } from '@apimx/runtime';
import type { BackendInit } from '../config/config-types.ts';

type Registry = NonNullable<RuntimeServices['backends']>;
type Properties = NonNullable<ReturnType<Registry['get']>>;

export class SwappableBackends implements Registry {
  private current = new Map<string, Properties>();

  /** ARM entities as configured: `{ properties }` wrappers are unwrapped. */
  replace(backends: ReadonlyMap<string, BackendInit>): void {
    const next = new Map<string, Properties>();
    for (const [id, init] of backends) {
      const properties = init['properties'];
      next.set(id, (typeof properties === 'object' && properties !== null ? properties : init) as Properties);
    }
    this.current = next;
  }

  get(id: string): Properties | undefined {
    return this.current.get(id);
  }

  ids(): Iterable<string> {
    return this.current.keys();
  }
}
