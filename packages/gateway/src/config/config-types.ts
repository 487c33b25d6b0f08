// The gateway configuration after validation: APIM's own entities (service, named values, loggers, backends,
// products, APIs, subscriptions, fragments, the global policy), plus apimx's own metrics and stores. Paths are
// already absolute.
import type { GatewayMetricsConfig, OperationResponses, ProviderConfig } from '@apimx/runtime';
import type { MockBackendOptions } from '../mock/options.ts';
import type { SecretRedactor } from './secrets.ts';

export interface GatewayConfig {
  /** The configuration file (absolute); policy paths were resolved against its directory. */
  file: string;
  service: ServiceConfig;
  namedValues: ReadonlyMap<string, string>;
  /** Named values marked secret: never printed or shown by the admin surface. */
  secretNamedValues: ReadonlySet<string>;
  /** Replaces the secrets' values by their `{{name}}` in any text shown (errors, health, traces). */
  secrets: SecretRedactor;
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

/** What context.Deployment shows: the service's name and region, and which gateway this is. */
export interface ServiceConfig {
  name: string;
  region: string;
  /**
   * context.Deployment.GatewayId and Gateway.Id: "managed" (APIM's managed gateway, the default) or the name of a
   * self-hosted gateway resource; Gateway.IsManaged is true exactly for "managed".
   */
  gatewayId: string;
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
  id: string;
  loggerType: 'azureEventHub' | 'applicationInsights' | 'azureMonitor';
  description: string | null;
  /** Where log-to-eventhub messages go locally; null for a logger that is not an azureEventHub one. */
  sink: LoggerSinkConfig | null;
  /** The ARM properties as given (named values substituted). */
  properties: Readonly<Record<string, unknown>>;
}

export type LoggerSinkConfig = { kind: 'stdout' } | { kind: 'file'; path: string };

export interface MockConfig {
  name: string;
  /** 0 picks a free port. */
  port: number;
  /** Checked options for the mock backend (latency, failures...). */
  options: MockOptions;
}

/** What a configuration may set on an in-process mock. */
export type MockOptions = Pick<
  MockBackendOptions,
  'region' | 'latencyMs' | 'chunkDelayMs' | 'failRate' | 'failStatus' | 'failures' | 'apiKey' | 'models' | 'contentSafety'
>;

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
  | { kind: 'openapi'; file: string; operations: readonly OperationConfig[]; serverUrl: string | null }
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
