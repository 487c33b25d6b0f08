// The `context` of policy expressions (spec §2.2) and the state one request carries through the pipeline.
// It IS the expression model's ProxyContext, so expressions read it with no adapter; the members in lower
// camel case are the pipeline's own state, unreachable from expressions (only declared C# members are).
import { randomUUID } from 'node:crypto';
import {
  CsGuid,
  DeploymentInfo,
  fromUnixMs,
  KIND_UTC,
  ProxyContext,
  RequestModel,
  ResponseModel,
  spanOf,
  StringValuesDictionary,
  Url,
  type ApiInfo,
  type OperationInfo,
  type ProductInfo,
  type Section,
  type SubscriptionInfo,
  type UserInfo,
} from '@apimx/parser';
import type { GatewayRequest } from '../http/types.ts';
import type { PolicyRun } from '../pipeline/step.ts';
import type { RuntimeServices } from '../services.ts';
import { BackendTarget } from './backend-target.ts';
import { MessageBody } from './message-body.ts';

const TICKS_PER_MS = 10_000;

/** context.Request, built from the incoming request. */
export class ContextRequest extends RequestModel {
  constructor(request: GatewayRequest, matchedParameters: ReadonlyMap<string, string>, backendUrl?: string) {
    super();
    this.Method = request.method.toUpperCase();
    this.OriginalUrl = Url.parse(request.url);
    this.Url = backendUrl ? Url.parse(backendUrl) : this.OriginalUrl.clone();
    this.Headers = request.headers;
    this.Body = request.body === undefined ? null : new MessageBody(request.body);
    this.IpAddress = request.clientIp;
    // Template parameters are matched case-sensitively and hold one value each.
    this.MatchedParameters = new StringValuesDictionary(matchedParameters, false);
  }
}

/** context.Response, and what send-request stores as an IResponse. */
export class ContextResponse extends ResponseModel {}

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
}

export class RequestContext extends ProxyContext {
  /** The request id as text (activity ids in error bodies, traces); context.requestId is the same as a Guid. */
  readonly requestId: string;
  /** Epoch ms when the request was received. */
  readonly receivedAt: number;
  override Request: ContextRequest;

  /** Pipeline state below: not visible to expressions. */
  section: Section = 'inbound';
  /** Where forward-request sends the request (set-backend-service and rewrite-uri change it). */
  readonly backend: BackendTarget;
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
  /** Each policy run, with its duration, when the host records traces; null otherwise (no cost per step). */
  readonly policyRuns: PolicyRun[] | null;

  constructor(
    readonly services: RuntimeServices,
    readonly incoming: GatewayRequest,
    identity: RequestIdentity,
    options: { recordPolicies?: boolean } = {},
  ) {
    super();
    this.policyRuns = options.recordPolicies ? [] : null;
    const id = randomUUID();
    this.requestId = id;
    this.RequestId = new CsGuid(id.replaceAll('-', ''));
    this.receivedAt = services.clock.now();
    this.Timestamp = fromUnixMs(this.receivedAt, KIND_UTC);
    this.elapsed = () => spanOf((services.clock.now() - this.receivedAt) * TICKS_PER_MS);
    this.Request = new ContextRequest(incoming, identity.matchedParameters ?? new Map(), identity.backendUrl);
    this.Response = new ContextResponse();
    this.backend = new BackendTarget(identity.serviceUrl ?? null);
    if (identity.api) this.Api = identity.api;
    if (identity.operation) this.Operation = identity.operation;
    this.Product = identity.product;
    this.Subscription = identity.subscription;
    this.User = identity.user;
    this.Tracing = identity.tracing ?? false;
    const { region, serviceName, gatewayId } = services.deployment;
    this.Deployment = new DeploymentInfo({ Region: region, ServiceName: serviceName, GatewayId: gatewayId });
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
    return this.Response.Body === null || this.Response.Body.buffered;
  }

  bufferResponseBody(): Promise<void> {
    return this.Response.Body ? this.Response.Body.buffer() : Promise.resolve();
  }
}
