// The shared machinery policies run against. One instance per gateway; every member is replaceable (tests
// inject a ManualClock; several instances share Redis-backed stores).
import type { BackendRegistry } from './backends/registry.ts';
import type { Clock } from './clock.ts';
import type { Forwarder } from './http/forwarder.ts';
import type { CredentialManager } from './identity/credential-manager.ts';
import type { IdentityProvider } from './identity/identity.ts';
import type { LoggerSink } from './logging/sink.ts';
import type { MetricsSink } from './metrics/sink.ts';
import type { Sleep } from './sleep.ts';
import type { CacheStore } from './stores/cache-store.ts';
import type { ConcurrencyStore } from './stores/concurrency-store.ts';
import type { CounterStore } from './stores/counter-store.ts';
import type { VectorStore } from './stores/vector-store.ts';

export interface RuntimeServices {
  clock: Clock;
  counters: CounterStore;
  cache: CacheStore;
  concurrency: ConcurrencyStore;
  /** The semantic cache's prompt vectors (llm-semantic-cache-lookup / -store); lookups miss when absent. */
  vectors?: VectorStore;
  /** Deployment facts that context.Deployment reports. */
  deployment: DeploymentOptions;
  /** Backend entities for set-backend-service backend-id; none configured when absent. */
  backends?: BackendRegistry;
  /** Waits (retry intervals); real timers when absent. */
  sleep?: Sleep;
  /** The HTTP client of forward-request and send-request; the process-wide one when absent. */
  forwarder?: Forwarder;
  /** Custom metrics (emit-metric); dropped when absent, as APIM does without Application Insights. */
  metrics?: MetricsSink;
  /** log-to-eventhub's destination (JSON lines locally); messages are dropped when absent. */
  loggers?: LoggerSink;
  /** authentication-managed-identity's token source (emulated locally, see identity/identity.ts); refused when absent. */
  identity?: IdentityProvider;
  /**
   * get-authorization-context's connections (emulated from configuration locally, see identity/credential-manager.ts);
   * every connection is missing when absent.
   */
  credentials?: CredentialManager;
}

/** What context.Deployment reports (spec §2.2, §9 T13). */
export interface DeploymentOptions {
  region: string;
  serviceName: string;
  /** context.Deployment.GatewayId and .Gateway.Id: "managed" for APIM's managed gateway, else the self-hosted gateway's name. */
  gatewayId: string;
  /** context.Deployment.Gateway.IsManaged; when absent, true exactly when gatewayId is "managed". */
  managed?: boolean;
}
