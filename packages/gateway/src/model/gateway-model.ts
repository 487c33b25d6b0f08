// What one configuration becomes at start or reload: routers, the access index, and one Pipeline per
// (product context, API, operation), all compiled before the first request.
import type { ApiInfo, OperationInfo, OperationResponses, Pipeline, ProductInfo, SubscriptionInfo, UserInfo } from '@apimx/runtime';
import type { ApiConfig, BackendInit, GatewayConfig } from '../config/config-types.ts';
import type { ApiRouter } from '../routing/api-router.ts';
import type { OperationRouter } from '../routing/operation-router.ts';
import type { AccessIndex } from '../subscriptions/access-index.ts';

export interface ModelOperation {
  readonly method: string;
  readonly urlTemplate: string;
  readonly info: OperationInfo;
  /** Its documented responses, for mock-response; null without an API definition. */
  readonly responses: OperationResponses | null;
  /** By product id; null is the API context (no product). */
  readonly pipelines: ReadonlyMap<string | null, Pipeline>;
}

export interface ModelApi {
  readonly path: string;
  readonly config: ApiConfig;
  readonly info: ApiInfo;
  /** The service URL (mock:// resolved) without a trailing slash; null when the API has none. */
  readonly serviceBase: string | null;
  readonly operations: OperationRouter<ModelOperation>;
  /** global → API, for errors before an operation is known. */
  readonly apiPipeline: Pipeline;
  readonly products: ReadonlyMap<string, ProductInfo>;
}

export interface ModelSubscription {
  readonly info: SubscriptionInfo;
  readonly user: UserInfo | null;
}

export interface GatewayModel {
  readonly config: GatewayConfig;
  readonly apis: ApiRouter<ModelApi>;
  readonly access: AccessIndex;
  /** The global policy alone, for requests that match no API. */
  readonly globalPipeline: Pipeline;
  /** By key. */
  readonly subscriptions: ReadonlyMap<string, ModelSubscription>;
  /** Backend entities with mock:// URLs resolved. */
  readonly backends: ReadonlyMap<string, BackendInit>;
  /** How many pipelines were compiled. */
  readonly pipelineCount: number;
}
