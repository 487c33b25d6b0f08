// The gateway configuration after validation: APIM's own entities (service, named values, loggers, backends,
// products, APIs, subscriptions, fragments, the global policy), plus apimx's own metrics and stores. Paths are
// already absolute.
import type { GatewayMetricsConfig, OperationResponses, ProviderConfig } from '@apimx/runtime';

export interface GatewayConfig {
  /** The configuration file (absolute); policy paths were resolved against its directory. */
  file: string;
  service: { name: string; region: string };
  namedValues: ReadonlyMap<string, string>;
  /** Named values marked secret: never printed or shown by the admin surface. */
  secretNamedValues: ReadonlySet<string>;
  loggers: ReadonlyMap<string, LoggerConfig>;
  /** ARM `properties` as given (named values substituted); `mock://name` URLs are resolved at start. */
  backends: ReadonlyMap<string, BackendInit>;
  mocks: readonly MockConfig[];
  products: ReadonlyMap<string, ProductConfig>;
  apis: ReadonlyMap<string, ApiConfig>;
  subscriptions: ReadonlyMap<string, SubscriptionConfig>;
  /** Fragment id → policy file. */
  fragments: ReadonlyMap<string, string>;
  /** The global policy file; null means the default (forward every request to the API's service URL). */
  policy: string | null;
  /** Exporters and the usage ledger (read once at start: a reload does not change them). */
  metrics: GatewayMetricsConfig;
  /** Where counters, the cache and concurrency slots live (read once at start). */
  stores: StoresConfig;
  /** get-authorization-context's connections by provider id (EMULATED credential manager). */
  credentialProviders: Readonly<Record<string, ProviderConfig>>;
}

export type StoresConfig =
  | { type: 'memory' }
  | {
      type: 'redis';
      url: string;
      keyPrefix: string;
      /** What limits do while Redis cannot answer: admit (`open`) or refuse (`closed`). */
      onUnavailable: 'open' | 'closed';
      commandTimeoutMs: number;
      connectTimeoutMs: number;
    };

export interface LoggerConfig {
  type: string;
  [key: string]: unknown;
}

export interface MockConfig {
  name: string;
  /** 0 picks a free port. */
  port: number;
  /** Passed to the mock backend as they are (latency, failures...). */
  options: Readonly<Record<string, unknown>>;
}

export interface ProductConfig {
  id: string;
  displayName: string;
  subscriptionRequired: boolean;
  approvalRequired: boolean;
  subscriptionsLimit: number | null;
  state: 'published' | 'notPublished';
  policy: string | null;
  apis: readonly string[];
}

export type OperationSource =
  | { kind: 'azure-openai' }
  | { kind: 'openai-v1' }
  | { kind: 'openapi'; file: string }
  | { kind: 'list'; operations: readonly OperationConfig[] };

export interface OperationConfig {
  id: string;
  name: string;
  method: string;
  urlTemplate: string;
  /** The responses its OpenAPI definition documents (mock-response builds its answer from them). */
  responses?: OperationResponses;
}

export interface ApiConfig {
  id: string;
  name: string;
  /** URL suffix without leading or trailing slashes ('' for the root). */
  path: string;
  serviceUrl: string | null;
  subscriptionRequired: boolean;
  subscriptionKeyParameterNames: { header: string; query: string };
  protocols: readonly string[];
  version: string | null;
  revision: string;
  operations: OperationSource;
  policy: string | null;
  /** Operation id → policy file. */
  operationPolicies: ReadonlyMap<string, string>;
}

export type SubscriptionScope =
  | { kind: 'service' }
  | { kind: 'allApis' }
  | { kind: 'api'; id: string }
  | { kind: 'product'; id: string };

export type SubscriptionState = 'active' | 'suspended' | 'cancelled' | 'expired' | 'submitted' | 'rejected';

export interface UserConfig {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  note: string | null;
}

export interface SubscriptionConfig {
  id: string;
  displayName: string;
  scope: SubscriptionScope;
  primaryKey: string;
  secondaryKey: string;
  state: SubscriptionState;
  user: UserConfig | null;
}

/**
 * A backend entity as APIM's ARM `properties` (url, credentials, type, pool, circuitBreaker...), bare or wrapped as
 * `{ properties }`; the runtime's backend registry reads it.
 */
export type BackendInit = Readonly<Record<string, unknown>>;
