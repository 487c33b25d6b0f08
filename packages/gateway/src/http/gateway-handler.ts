// The per-request path: route (API, operation), check the subscription key, run the precompiled pipeline,
// write the answer back streaming. The model is swapped whole on reload; a request keeps the one it started with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { runPipeline, type GatewayRequest, type Pipeline, type PolicyFault, type RequestIdentity, type RuntimeServices } from '@apimx/runtime';
import { TraceRecorder } from '../admin/trace-recorder.ts';
import type { GatewayModel } from '../model/gateway-model.ts';
import { accessFault, notFoundFault } from '../subscriptions/access-faults.ts';
import { findKey } from '../subscriptions/find-key.ts';
import { preflightMethod } from '../routing/preflight.ts';
import { clientSignal } from './client-signal.ts';
import { faultPipeline } from './fault-pipeline.ts';
import { toGatewayRequest } from './incoming-request.ts';
import { writeResponse } from './write-response.ts';

const NO_IDENTITY: RequestIdentity = { api: null, operation: null, product: null, subscription: null, user: null };

export class GatewayHandler {
  /** Requests being handled now (graceful shutdown waits for them). */
  inFlight = 0;

  constructor(
    readonly services: RuntimeServices,
    public model: GatewayModel,
    readonly traces: TraceRecorder = new TraceRecorder(),
  ) {}

  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    this.inFlight++;
    const started = performance.now();
    try {
      // Aborted when the client goes away before the answer is complete: the backend call is aborted with it.
      const request = toGatewayRequest(req, clientSignal(req.socket));
      const [pipeline, identity] = this.resolve(request, req.url ?? '/');
      const { response, context } = await runPipeline(this.services, pipeline, request, identity, { recordPolicies: this.traces.capacity > 0 });
      const writing = writeResponse(res, response, request.method === 'HEAD');
      if (this.traces.capacity > 0) this.traces.record({
        requestId: context.requestId,
        receivedAt: context.receivedAt,
        method: request.method,
        url: request.url,
        api: identity.api?.Id ?? null,
        operation: identity.operation?.Id ?? null,
        product: identity.product?.Id ?? null,
        subscription: identity.subscription?.Id ?? null,
        status: response.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        backend: context.runLog?.ran('forward-request') ? { url: context.Request.urlText(), id: context.backend.backendId } : null,
        variables: context.Variables,
        runLog: context.runLog,
        traces: context.traces,
        lastError: context.LastError,
      });
      await writing;
    } catch (error) {
      // The runtime never rejects; this is a gateway bug or a socket failure while writing. APIM's unhandled 500
      // carries an activityId (spec §5.2); here nothing else identifies the request, so it is a fresh GUID.
      if (!res.headersSent) {
        const body = JSON.stringify({ statusCode: 500, message: 'Internal server error', activityId: randomUUID() });
        res.writeHead(500, 'Internal Server Error', { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
        res.end(body);
      } else {
        res.destroy(error as Error);
      }
    } finally {
      this.inFlight--;
    }
  };

  /**
   * The pipeline and identity for a request, or a fault pipeline answering 404/401 through on-error. Identities are
   * built whole (operationIdentity), not spread from one another: three spreads cost ~2 µs a request.
   */
  private resolve(request: GatewayRequest, rawUrl: string): [Pipeline, RequestIdentity] {
    const model = this.model;
    const q = rawUrl.indexOf('?');
    const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = q === -1 ? '' : rawUrl.slice(q + 1);
    const routed = model.apis.match(pathname);
    if (!routed) return this.refuse(model.globalPipeline, notFoundFault(), NO_IDENTITY);
    const { api, rest } = routed;
    const method = request.method.toUpperCase();
    // A CORS preflight is routed to the operation it asks about (routing/preflight.ts).
    const preflight = preflightMethod(method, request.headers);
    const matched = preflight === null ? api.operations.match(method, rest) : api.operations.matchPreflight(preflight, rest);
    if (!matched) return this.refuse(api.apiPipeline, notFoundFault(), { ...NO_IDENTITY, api: api.info, serviceUrl: api.serviceBase });
    const { operation, params } = matched;
    const backendUrl = api.serviceBase === null ? undefined : api.serviceBase + rest + (q === -1 ? '' : rawUrl.slice(q));
    const names = api.config.subscriptionKeyParameterNames;
    const key = findKey(request.headers, query, names);
    const access = model.access.resolve(api.config, key);
    if (access.denied !== null) {
      const keyless = operation.pipelines.get(null)!;
      const identity = operationIdentity(api, operation, params, backendUrl, null, null);
      // A browser's preflight carries no key: cors at the global, API or operation scope answers it, and nothing
      // else runs (preflight.ts). Not for an OPTIONS operation: that one runs in full, so it needs the key.
      const answered = preflight !== null && operation.method !== 'OPTIONS' && keyless.answersPreflights;
      if (answered && access.denied === 'SubscriptionKeyNotFound') return [keyless, identity];
      const realm = `${new URL(request.url).origin}/${api.path}`;
      return this.refuse(keyless, accessFault(access.denied, realm, names.header), identity);
    }
    const productId = access.product?.id ?? null;
    const subscription = access.key === null ? undefined : model.subscriptions.get(access.key);
    const product = productId === null ? null : api.products.get(productId) ?? null;
    return [operation.pipelines.get(productId)!, operationIdentity(api, operation, params, backendUrl, product, subscription ?? null)];
  }

  private refuse(base: Pipeline, fault: PolicyFault, identity: RequestIdentity): [Pipeline, RequestIdentity] {
    return [faultPipeline(base, fault), identity];
  }
}

type RoutedApi = NonNullable<ReturnType<GatewayModel['apis']['match']>>['api'];
type RoutedOperation = NonNullable<ReturnType<RoutedApi['operations']['match']>>;

/** A matched operation's identity, every field in one literal (one object shape for every request). */
function operationIdentity(
  api: RoutedApi,
  matched: RoutedOperation['operation'],
  params: RoutedOperation['params'],
  backendUrl: string | undefined,
  product: RequestIdentity['product'],
  subscription: { info: RequestIdentity['subscription']; user: RequestIdentity['user'] } | null,
): RequestIdentity {
  return {
    api: api.info,
    operation: matched.info,
    product,
    subscription: subscription?.info ?? null,
    user: subscription?.user ?? null,
    matchedParameters: params,
    backendUrl,
    serviceUrl: api.serviceBase,
    responses: matched.responses,
  };
}
