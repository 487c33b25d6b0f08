// The runtime's front door: load policy documents for one (product, API, operation) chain into a Pipeline,
// and run requests through it.
import type { FragmentDocument } from '@apimx/parser';
import { RequestContext, type RequestIdentity } from './context/request-context.ts';
import type { GatewayRequest, GatewayResponse } from './http/types.ts';
import { PipelineBuilder } from './pipeline/build.ts';
import { Pipeline } from './pipeline/pipeline.ts';
import { composeScopes, type ScopedDocument } from './pipeline/scopes.ts';
import { BUILT_IN_POLICIES } from './policies/index.ts';
import type { PolicyImplementation } from './policies/types.ts';
import { toGatewayResponse } from './response.ts';
import type { RuntimeServices } from './services.ts';

export interface RuntimeOptions {
  services: RuntimeServices;
  /** Defaults to every built-in policy. */
  policies?: ReadonlyMap<string, PolicyImplementation>;
}

export class Runtime {
  private readonly builder: PipelineBuilder;

  constructor(readonly options: RuntimeOptions) {
    this.builder = new PipelineBuilder(options.policies ?? BUILT_IN_POLICIES, options.services);
  }

  /** Compose the scope chain (broadest first) and compile it. Throws PolicyError for what cannot run. */
  load(chain: readonly ScopedDocument[], fragments: ReadonlyMap<string, FragmentDocument> = new Map()): Pipeline {
    return new Pipeline(this.builder.buildSections(composeScopes(chain, fragments), fragments));
  }

  /** Run one request; never rejects: failures are answered as APIM answers them. */
  async handle(pipeline: Pipeline, request: GatewayRequest, identity: RequestIdentity): Promise<GatewayResponse> {
    return (await this.run(pipeline, request, identity)).response;
  }

  /** The same, keeping the request context (for traces); `recordPolicies` times every policy run. */
  async run(
    pipeline: Pipeline,
    request: GatewayRequest,
    identity: RequestIdentity,
    options: { recordPolicies?: boolean } = {},
  ): Promise<HandledRequest> {
    return runPipeline(this.options.services, pipeline, request, identity, options);
  }
}

export interface HandledRequest {
  response: GatewayResponse;
  context: RequestContext;
}

/** One request through one pipeline, keeping the context; never rejects. */
export async function runPipeline(
  services: RuntimeServices,
  pipeline: Pipeline,
  request: GatewayRequest,
  identity: RequestIdentity,
  options: { recordPolicies?: boolean } = {},
): Promise<HandledRequest> {
  const context = new RequestContext(services, request, identity, options);
  await pipeline.run(context);
  return { response: toGatewayResponse(context), context };
}
