// The `context` of policy expressions (spec §2.2) and the state one request carries through the pipeline.
// It IS the expression model's ProxyContext, so expressions read it with no adapter; the members in lower
// camel case are the pipeline's own state, unreachable from expressions (only declared C# members are).
// Built once per request, so it is cheap: what most requests never read (the request id Guid, Timestamp,
// Deployment, the parsed URLs) is made on first read.
import { randomUUID } from 'node:crypto';
import {
  ApiInfo,
  CsGuid,
  DeploymentInfo,
  fromUnixMs,
  GatewayInfo,
  KIND_UTC,
  OperationInfo,
  ProxyContext,
  spanOf,
  VariableDictionary,
  type LastErrorInfo,
  type ProductInfo,
  type Section,
  type SubscriptionInfo,
  type UserInfo,
} from '@apimx/parser';
import type { GatewayRequest } from '../http/types.ts';
import type { PolicyRun } from '../pipeline/step.ts';
import { PolicyRunLog } from '../pipeline/policy-run-log.ts';
import type { RuntimeServices } from '../services.ts';
import { BackendTarget } from './backend-target.ts';
import { ContextRequest } from './context-request.ts';
import { ContextResponse } from './context-response.ts';
import type { OperationResponses } from './operation-responses.ts';

export { ContextRequest } from './context-request.ts';
export { ContextResponse } from './context-response.ts';

const TICKS_PER_MS = 10_000;

/** Who and what the request is for: resolved by the gateway (routing and subscription) before the pipeline runs. */
export interface RequestIdentity {
  api: ApiInfo | null;
  operation: OperationInfo | null;
  product: ProductInfo | null;
  subscription: SubscriptionInfo | null;
  user: UserInfo | null;
  matchedParameters?: ReadonlyMap<string, string>;
  tracing?: boolean;
  /**
   * The backend URL the request starts with: the API's service URL + the operation path + the query (APIM's
   * context.Request.Url). Defaults to the incoming URL. `serviceUrl` is the base part of it.
   */
  backendUrl?: string;
  serviceUrl?: string | null;
  /** The operation's documented responses (from its API definition), for mock-response; none when absent. */
  responses?: OperationResponses | null;
}

// What a request outside any API or operation sees (APIM's empty entities); read-only to expressions, so shared.
const NO_API = new ApiInfo();
const NO_OPERATION = new OperationInfo();
// One DeploymentInfo per services.deployment object (replaced whole on reload), not one per request.
const deployments = new WeakMap<RuntimeServices['deployment'], DeploymentInfo>();

// Not `extends ProxyContext`: its field initialisers build a default request (with a parsed URL), response,
// API and deployment on every request, all overwritten here. The prototype link below keeps
// `instanceof ProxyContext` true; `implements` makes tsc check that every member of ProxyContext is here.
export class RequestContext implements ProxyContext {
  /** Epoch ms when the request was received. */
  readonly receivedAt: number;
  Request: ContextRequest;
  Api: ApiInfo;
  Operation: OperationInfo;
  Product: ProductInfo | null;
  Subscription: SubscriptionInfo | null;
  User: UserInfo | null;
  LastError: LastErrorInfo | null = null;
  Variables = new VariableDictionary();
  Tracing: boolean;
  readonly traces: ProxyContext['traces'] = [];

  /** Pipeline state below: not visible to expressions. */
  section: Section = 'inbound';
  /** Where forward-request sends the request (set-backend-service and rewrite-uri change it). */
  readonly backend: BackendTarget;
  /** The operation's documented responses, for mock-response (null without an API definition). */
  readonly operationResponses: OperationResponses | null;
  /**
   * Work that needs the final response (rate-limit increment-condition, quota bandwidth, CORS response headers):
   * the pipeline runs it once the flow has ended, whichever way it ended.
   */
  readonly onComplete: ((ctx: RequestContext) => void | Promise<void>)[] = [];
  /**
   * Work that needs the backend's response before outbound policies run (llm-token-limit updates its
   * tokens-consumed variable from the response's usage there): the pipeline runs it once, when outbound starts.
   */
  readonly onOutbound: ((ctx: RequestContext) => void | Promise<void>)[] = [];
  /** State policy modules keep for this request (see request-slot.ts). */
  readonly slots: unknown[] = [];
  /** What records policyRuns (null when the host does not ask for them). */
  readonly runLog: PolicyRunLog | null;

  private id: string | null = null;
  private guid: unknown = null;
  private timestamp: unknown = null;
  private response: ContextResponse | null = null;
  private deployment: DeploymentInfo | null = null;

  constructor(
    readonly services: RuntimeServices,
    readonly incoming: GatewayRequest,
    identity: RequestIdentity,
    options: { recordPolicies?: boolean } = {},
  ) {
    this.runLog = options.recordPolicies ? new PolicyRunLog(this.Variables) : null;
    this.receivedAt = services.clock.now();
    this.Request = new ContextRequest(incoming.url, incoming, identity.matchedParameters, identity.backendUrl);
    this.backend = new BackendTarget(identity.serviceUrl ?? null);
    this.operationResponses = identity.responses ?? null;
    this.Api = identity.api ?? NO_API;
    this.Operation = identity.operation ?? NO_OPERATION;
    this.Product = identity.product;
    this.Subscription = identity.subscription;
    this.User = identity.user;
    this.Tracing = identity.tracing ?? false;
  }

  /**
   * Each policy run so far, with its duration, when the host records traces; null otherwise (no cost per step).
   * Built on each read from the run log.
   */
  get policyRuns(): PolicyRun[] | null {
    return this.runLog === null ? null : this.runLog.runs();
  }

  /** The request id as text (activity ids in error bodies, traces); context.RequestId is the same as a Guid. */
  get requestId(): string {
    return (this.id ??= randomUUID());
  }

  /** context.RequestId: a Guid, the same one as requestId. */
  get RequestId(): unknown {
    return (this.guid ??= new CsGuid(this.requestId.replaceAll('-', '')));
  }

  set RequestId(value: unknown) {
    this.guid = value;
  }

  /** context.Timestamp: when the request was received, as a UTC DateTime. */
  get Timestamp(): unknown {
    return (this.timestamp ??= fromUnixMs(this.receivedAt, KIND_UTC));
  }

  set Timestamp(value: unknown) {
    this.timestamp = value;
  }

  get Response(): ContextResponse {
    return (this.response ??= new ContextResponse());
  }

  set Response(value: ContextResponse) {
    this.response = value;
  }

  get Deployment(): DeploymentInfo {
    if (this.deployment === null) {
      const deployment = this.services.deployment;
      let info = deployments.get(deployment);
      if (info === undefined) {
        const gateway = new GatewayInfo({ Id: deployment.gatewayId, IsManaged: deployment.managed ?? deployment.gatewayId === 'managed' });
        info = new DeploymentInfo({ Region: deployment.region, ServiceName: deployment.serviceName, GatewayId: deployment.gatewayId, Gateway: gateway });
        deployments.set(deployment, info);
      }
      this.deployment = info;
    }
    return this.deployment;
  }

  set Deployment(value: DeploymentInfo) {
    this.deployment = value;
  }

  /** context.Elapsed, as the expression model asks for it (a TimeSpan). */
  elapsed(): unknown {
    return spanOf((this.services.clock.now() - this.receivedAt) * TICKS_PER_MS);
  }

  /** context.Elapsed in ms. */
  get elapsedMs(): number {
    return this.services.clock.now() - this.receivedAt;
  }

  requestBodyBuffered(): boolean {
    return this.Request.Body === null || this.Request.Body.buffered;
  }

  bufferRequestBody(): Promise<void> {
    return this.Request.Body ? this.Request.Body.buffer() : Promise.resolve();
  }

  responseBodyBuffered(): boolean {
    const body = this.Response.Body;
    return body === null || body.buffered;
  }

  bufferResponseBody(): Promise<void> {
    return this.Response.Body ? this.Response.Body.buffer() : Promise.resolve();
  }
}

Object.setPrototypeOf(RequestContext.prototype, ProxyContext.prototype);
