// The per-request path: route (API, operation), check the subscription key, run the precompiled pipeline,
// write the answer back streaming. The model is swapped whole on reload; a request keeps the one it started with.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { runPipeline, type GatewayRequest, type Pipeline, type PolicyFault, type RequestIdentity, type RuntimeServices } from '@apimx/runtime';
import { TraceRecorder, variablesOf } from '../admin/trace-recorder.ts';
import type { GatewayModel } from '../model/gateway-model.ts';
import { accessFault, notFoundFault } from '../subscriptions/access-faults.ts';
import { findKey } from '../subscriptions/find-key.ts';
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
        time: new Date(context.receivedAt).toISOString(),
        method: request.method,
        url: request.url,
        api: identity.api?.Id ?? null,
        operation: identity.operation?.Id ?? null,
        product: identity.product?.Id ?? null,
        subscription: identity.subscription?.Id ?? null,
        status: response.status,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
        backend: identity.api ? { url: context.Request.urlText(), id: context.backend.backendId } : null,
        variables: variablesOf(context),
        policies: context.policyRuns ?? [],
        traces: context.traces,
        lastError: context.LastError,
      });
      await writing;
    } catch (error) {
      // The runtime never rejects; this is a gateway bug or a socket failure while writing.
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 500, message: 'Internal server error' }));
      } else {
        res.destroy(error as Error);
      }
    } finally {
      this.inFlight--;
    }
  };

  /** The pipeline and identity for a request, or a fault pipeline answering 404/401 through on-error. */
  private resolve(request: GatewayRequest, rawUrl: string): [Pipeline, RequestIdentity] {
    const model = this.model;
    const q = rawUrl.indexOf('?');
    const pathname = q === -1 ? rawUrl : rawUrl.slice(0, q);
    const query = q === -1 ? '' : rawUrl.slice(q + 1);
    const routed = model.apis.match(pathname);
    if (!routed) return this.refuse(model.globalPipeline, notFoundFault(), NO_IDENTITY);
    const { api, rest } = routed;
    const apiIdentity: RequestIdentity = { ...NO_IDENTITY, api: api.info, serviceUrl: api.serviceBase };
    const matched = api.operations.match(request.method.toUpperCase(), rest);
    if (!matched) return this.refuse(api.apiPipeline, notFoundFault(), apiIdentity);
    const { operation, params } = matched;
    const backendUrl = api.serviceBase === null ? undefined : api.serviceBase + rest + (q === -1 ? '' : rawUrl.slice(q));
    const names = api.config.subscriptionKeyParameterNames;
    const key = findKey(request.headers, query, names);
    const access = model.access.resolve(api.config, key);
    if (access.denied !== null) {
      const realm = `${new URL(request.url).origin}/${api.path}`;
      const identity = { ...apiIdentity, operation: operation.info, matchedParameters: params, backendUrl };
      return this.refuse(operation.pipelines.get(null)!, accessFault(access.denied, realm, names.header), identity);
    }
    const productId = access.product?.id ?? null;
    const subscription = access.key === null ? undefined : model.subscriptions.get(access.key);
    return [
      operation.pipelines.get(productId)!,
      {
        api: api.info,
        operation: operation.info,
        product: productId === null ? null : api.products.get(productId) ?? null,
        subscription: subscription?.info ?? null,
        user: subscription?.user ?? null,
        matchedParameters: params,
        backendUrl,
        serviceUrl: api.serviceBase,
        responses: operation.responses,
      },
    ];
  }

  private refuse(base: Pipeline, fault: PolicyFault, identity: RequestIdentity): [Pipeline, RequestIdentity] {
    return [faultPipeline(base, fault), identity];
  }
}
