// Where backend entities are looked up by id (set-backend-service backend-id, spec §3.5). An interface, so a
// configuration reload or another store can stand behind it; the in-memory one is the embedded default.
import type { BackendProperties } from './backend.ts';
import type { BreakerStore } from './breaker-store.ts';
import { newBackendState, type BackendState } from './backend-state.ts';

export interface BackendRegistry {
  get(id: string): BackendProperties | undefined;
  /** Known ids, for error messages that help the user fix a typo or a deployment placeholder. */
  ids(): Iterable<string>;
  /** Breaker states and pool rotation; one is kept per registry when absent. */
  readonly state?: BackendState;
}

/** A backend as configuration may give it: bare `properties`, or an ARM resource `{ name?, properties }`. */
export type BackendInit = BackendProperties | { name?: string; properties: BackendProperties };

export class MemoryBackendRegistry implements BackendRegistry {
  private readonly backends = new Map<string, BackendProperties>();
  readonly state: BackendState;

  /** `options.breakers`: keep breaker state across a reload by handing the old registry's store over. */
  constructor(backends: Readonly<Record<string, BackendInit>> = {}, options: { breakers?: BreakerStore } = {}) {
    this.state = newBackendState(options.breakers);
    for (const [id, init] of Object.entries(backends)) this.set(id, init);
  }

  set(id: string, init: BackendInit): this {
    this.backends.set(id, 'properties' in init ? init.properties : init);
    return this;
  }

  delete(id: string): boolean {
    return this.backends.delete(id);
  }

  get(id: string): BackendProperties | undefined {
    return this.backends.get(id);
  }

  ids(): Iterable<string> {
    return this.backends.keys();
  }
}
