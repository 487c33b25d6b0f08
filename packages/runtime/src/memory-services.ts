// The embedded defaults: in-memory stores and the system clock (tests pass a ManualClock).
import { MemoryBackendRegistry } from './backends/registry.ts';
import { systemClock, type Clock } from './clock.ts';
import { EmulatedIdentity } from './identity/emulated-identity.ts';
import { MemoryMetricsSink } from './metrics/sink.ts';
import type { RuntimeServices } from './services.ts';
import { MemoryCacheStore } from './stores/memory-cache-store.ts';
import { MemoryConcurrencyStore } from './stores/memory-concurrency-store.ts';
import { MemoryCounterStore } from './stores/memory-counter-store.ts';
import { MemoryVectorStore } from './stores/memory-vector-store.ts';
import { timerSleep } from './sleep.ts';

export function memoryServices(clock: Clock = systemClock): RuntimeServices {
  return {
    clock,
    counters: new MemoryCounterStore(),
    cache: new MemoryCacheStore({ clock }),
    concurrency: new MemoryConcurrencyStore(),
    vectors: new MemoryVectorStore({ clock }),
    deployment: { region: 'local', serviceName: 'apimx', gatewayId: 'managed' },
    backends: new MemoryBackendRegistry(),
    sleep: timerSleep,
    metrics: new MemoryMetricsSink(),
    identity: new EmulatedIdentity({ clock }),
  };
}
