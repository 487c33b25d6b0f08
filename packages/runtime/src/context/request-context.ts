// The `context` of policy expressions (spec §2.2) and the state one request carries through the pipeline.
// Members named in PascalCase are what expressions see (through the parser's declarations of the context
// types); the rest is the pipeline's own state, unreachable from expressions.
import { randomUUID } from 'node:crypto';
import type { Section } from '@apimx/parser';
import { HeaderMap } from '../http/header-map.ts';
import type { GatewayRequest } from '../http/types.ts';
import type { LastError } from '../pipeline/fault.ts';
import type { RuntimeServices } from '../services.ts';
import type { ApiInfo, OperationInfo, ProductInfo, SubscriptionInfo, UserInfo } from './entities.ts';
import { BackendTarget } from './backend-target.ts';
import { MessageBody } from './message-body.ts';
import { ContextUrl } from './url.ts';
import { Variables } from './variables.ts';

export class ContextRequest {
  Method: string;
  Url: ContextUrl;
  readonly OriginalUrl: ContextUrl;
  readonly Headers: HeaderMap;
  Body: MessageBody | null;
  readonly IpAddress: string;
  readonly MatchedParameters: ReadonlyMap<string, string>;

  constructor(request: GatewayRequest, matchedParameters: ReadonlyMap<string, string>, backendUrl?: string) {
    this.Method = request.method.toUpperCase();
    this.OriginalUrl = new ContextUrl(request.url);
    this.Url = backendUrl ? new ContextUrl(backendUrl) : this.OriginalUrl.clone();
    this.Headers = request.headers;
    this.Body = request.body === undefined ? null : new MessageBody(request.body);
    this.IpAddress = request.clientIp;
    this.MatchedParameters = matchedParameters;
  }
}

export class ContextResponse {
  StatusCode = 200;
  StatusReason = 'OK';
  Headers = new HeaderMap();
  Body: MessageBody | null = null;
}

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

export class RequestContext {
  readonly RequestId: string = randomUUID();
  /** Epoch ms when the request was received (context.Timestamp as a DateTime is made by the declarations). */
  readonly receivedAt: number;
  readonly Request: ContextRequest;
  Response = new ContextResponse();
  readonly Variables = new Variables();
  LastError: LastError | null = null;
  readonly Api: ApiInfo | null;
  readonly Operation: OperationInfo | null;
  readonly Product: ProductInfo | null;
  readonly Subscription: SubscriptionInfo | null;
  readonly User: UserInfo | null;
  readonly Tracing: boolean;
  readonly Deployment: { Region: string; ServiceName: string; GatewayId: string };

  /** Pipeline state below: not visible to expressions. */
  section: Section = 'inbound';
  /** Where forward-request sends the request (set-backend-service and rewrite-uri change it). */
  readonly backend: BackendTarget;
  /** Messages written by the trace policy and context.Trace(). */
  readonly traces: { source: string; severity: string; message: string }[] = [];
  /**
   * Work that needs the final response (rate-limit increment-condition, quota bandwidth, CORS response headers):
   * the pipeline runs it once the flow has ended, whichever way it ended.
   */
  readonly onComplete: ((ctx: RequestContext) => void | Promise<void>)[] = [];

  constructor(
    readonly services: RuntimeServices,
    readonly incoming: GatewayRequest,
    identity: RequestIdentity,
  ) {
    this.receivedAt = services.clock.now();
    this.Request = new ContextRequest(incoming, identity.matchedParameters ?? new Map(), identity.backendUrl);
    this.backend = new BackendTarget(identity.serviceUrl ?? null);
    this.Api = identity.api;
    this.Operation = identity.operation;
    this.Product = identity.product;
    this.Subscription = identity.subscription;
    this.User = identity.user;
    this.Tracing = identity.tracing ?? false;
    const { region, serviceName, gatewayId } = services.deployment;
    this.Deployment = { Region: region, ServiceName: serviceName, GatewayId: gatewayId };
  }

  /** context.Elapsed in ms. */
  get elapsedMs(): number {
    return this.services.clock.now() - this.receivedAt;
  }

  Trace(message: string): void {
    this.traces.push({ source: 'context.Trace', severity: 'verbose', message });
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
