// GatewayConfig + Runtime → GatewayModel. Every policy document is parsed with the named values and loaded into
// the runtime here, so an unsupported policy or a bad expression fails the start (or the reload), never a request.
import type { FragmentDocument, PoliciesDocument } from '@apimx/parser';
import type { Pipeline, ProductInfo, Runtime, ScopedDocument } from '@apimx/runtime';
import { ConfigError } from '../config/config-error.ts';
import type { ApiConfig, BackendInit, GatewayConfig, OperationConfig } from '../config/config-types.ts';
import { AZURE_OPENAI_OPERATIONS } from '../operations/azure-openai.ts';
import { OPENAI_V1_OPERATIONS } from '../operations/openai-v1.ts';
import { readOpenApi } from '../operations/openapi.ts';
import { ApiRouter } from '../routing/api-router.ts';
import { OperationRouter } from '../routing/operation-router.ts';
import { AccessIndex } from '../subscriptions/access-index.ts';
import { apiInfo, operationInfo, productInfo, subscriptionInfos, userInfo } from './entity-info.ts';
import type { GatewayModel, ModelApi, ModelOperation, ModelSubscription } from './gateway-model.ts';
import { DEFAULT_GLOBAL_FILE, DEFAULT_GLOBAL_POLICY, PolicyLoader, PolicyLoadError } from './policy-loader.ts';

export interface BuildOptions {
  /** mock name → its http://host:port base, for mock:// URLs. */
  mockUrls?: ReadonlyMap<string, string>;
  /** context.Subscription.CreatedDate and User.RegistrationDate (epoch ms). */
  now?: number;
}

export async function buildModel(config: GatewayConfig, runtime: Runtime, options: BuildOptions = {}): Promise<GatewayModel> {
  const resolveUrl = mockResolver(options.mockUrls ?? new Map());
  const loader = new PolicyLoader(config.namedValues);
  const global = config.policy ? await loader.policies(config.policy) : (loader.parseText(DEFAULT_GLOBAL_POLICY, DEFAULT_GLOBAL_FILE) as PoliciesDocument | undefined);
  const fragments = new Map<string, FragmentDocument>();
  for (const [id, file] of config.fragments) {
    const fragment = await loader.fragment(file);
    if (fragment) fragments.set(id, fragment);
  }
  const productDocs = new Map<string, PoliciesDocument | undefined>();
  for (const product of config.products.values()) if (product.policy) productDocs.set(product.id, await loader.policies(product.policy));
  const operationSets = new Map<string, readonly OperationConfig[]>();
  const openApiServers = new Map<string, string | null>();
  for (const api of config.apis.values()) {
    const set = await operationsOf(api, loader.problems);
    operationSets.set(api.id, set.operations);
    openApiServers.set(api.id, set.serverUrl);
  }
  const apiDocs = new Map<string, { api?: PoliciesDocument; operations: Map<string, PoliciesDocument | undefined> }>();
  for (const api of config.apis.values()) {
    const operations = new Map<string, PoliciesDocument | undefined>();
    for (const [id, file] of api.operationPolicies) {
      if (!operationSets.get(api.id)!.some((op) => op.id === id)) {
        throw new ConfigError(config.file, [{ path: `$.apis.${api.id}.operationPolicies.${id}`, message: `API '${api.id}' has no operation '${id}'` }]);
      }
      operations.set(id, await loader.policies(file));
    }
    apiDocs.set(api.id, { api: api.policy ? await loader.policies(api.policy) : undefined, operations });
  }
  if (loader.problems.length > 0 || !global) throw new PolicyLoadError(loader.problems);

  let pipelineCount = 0;
  const load = (chain: (ScopedDocument | null)[]): Pipeline => {
    pipelineCount++;
    try {
      return runtime.load(chain.filter((d): d is ScopedDocument => d !== null), fragments);
    } catch (error) {
      throw new PolicyLoadError([(error as Error).message]);
    }
  };
  const globalScope: ScopedDocument = { scope: 'global', document: global };
  const apis: ModelApi[] = [];
  for (const api of config.apis.values()) {
    const serviceUrl = api.serviceUrl ? resolveUrl(api.serviceUrl) : openApiServers.get(api.id) ?? null;
    const info = apiInfo(api, serviceUrl);
    const docs = apiDocs.get(api.id)!;
    const apiScope: ScopedDocument | null = docs.api ? { scope: 'api', document: docs.api } : null;
    const products = new Map<string, ProductInfo>();
    for (const product of config.products.values()) {
      if (!product.apis.includes(api.id)) continue;
      const apisOfProduct = product.apis.map((id) => (id === api.id ? info : apiInfo(config.apis.get(id)!, null)));
      products.set(product.id, productInfo(product, apisOfProduct));
    }
    const operations: ModelOperation[] = operationSets.get(api.id)!.map((operation) => {
      const own = docs.operations.get(operation.id);
      const operationScope: ScopedDocument | null = own ? { scope: 'operation', document: own } : null;
      const pipelines = new Map<string | null, Pipeline>([[null, load([globalScope, apiScope, operationScope])]]);
      for (const productId of products.keys()) {
        const doc = productDocs.get(productId);
        const productScope: ScopedDocument | null = doc ? { scope: 'product', document: doc } : null;
        pipelines.set(productId, load([globalScope, productScope, apiScope, operationScope]));
      }
      return { method: operation.method, urlTemplate: operation.urlTemplate, info: operationInfo(operation), responses: operation.responses ?? null, pipelines };
    });
    apis.push({
      path: api.path,
      config: api,
      info,
      serviceBase: serviceUrl ? serviceUrl.replace(/\/+$/, '') : null,
      operations: new OperationRouter(operations),
      apiPipeline: load([globalScope, apiScope]),
      products,
    });
  }

  const now = options.now ?? Date.now();
  const subscriptions = new Map<string, ModelSubscription>();
  for (const subscription of config.subscriptions.values()) {
    const user = userInfo(subscription, now);
    for (const [key, info] of subscriptionInfos(subscription, now)) subscriptions.set(key, { info, user });
  }
  const backends = new Map<string, BackendInit>();
  for (const [id, backend] of config.backends) backends.set(id, withResolvedUrl(backend, resolveUrl));

  return {
    config,
    apis: new ApiRouter(apis),
    access: new AccessIndex(config),
    globalPipeline: load([globalScope]),
    subscriptions,
    backends,
    pipelineCount,
  };
}

async function operationsOf(api: ApiConfig, problems: string[]): Promise<{ operations: readonly OperationConfig[]; serverUrl: string | null }> {
  const source = api.operations;
  switch (source.kind) {
    case 'azure-openai':
      return { operations: AZURE_OPENAI_OPERATIONS, serverUrl: null };
    case 'openai-v1':
      return { operations: OPENAI_V1_OPERATIONS, serverUrl: null };
    case 'list':
      return { operations: source.operations, serverUrl: null };
    case 'openapi':
      try {
        return await readOpenApi(source.file);
      } catch (error) {
        problems.push(`${source.file}: ${(error as Error).message}`);
        return { operations: [], serverUrl: null };
      }
  }
}

function mockResolver(mockUrls: ReadonlyMap<string, string>): (url: string) => string {
  return (url) => {
    if (!url.startsWith('mock://')) return url;
    const parsed = new URL(url);
    const base = mockUrls.get(parsed.hostname);
    if (base === undefined) throw new Error(`mock '${parsed.hostname}' is not running`);
    return base.replace(/\/+$/, '') + (parsed.pathname === '/' ? '' : parsed.pathname) + parsed.search;
  };
}

function withResolvedUrl(backend: BackendInit, resolveUrl: (url: string) => string): BackendInit {
  const properties = backend['properties'];
  if (typeof properties === 'object' && properties !== null) return { ...backend, properties: withResolvedUrl(properties as BackendInit, resolveUrl) };
  const url = backend['url'];
  return typeof url === 'string' ? { ...backend, url: resolveUrl(url) } : backend;
}
