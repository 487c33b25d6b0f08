// The whole configuration document → GatewayConfig, or a ConfigError listing every problem with its JSON path.
import { dirname } from 'node:path';
import { ConfigError, type ConfigIssue } from './config-error.ts';
import type { BackendInit, GatewayConfig } from './config-types.ts';
import { readNamedValues } from './named-values.ts';
import { SecretRedactor } from './secrets.ts';
import { readPath } from './policy-path.ts';
import { readProducts, readSubscriptions } from './read-access.ts';
import { readApis } from './read-apis.ts';
import { readBackends } from './read-backends.ts';
import { readCredentialProviders } from './read-credential-providers.ts';
import { readLoggers } from './read-loggers.ts';
import { readMocks } from './read-mocks.ts';
import { readMetrics } from './read-metrics.ts';
import { readStores } from './read-stores.ts';
import { Fields, isPlain } from './reader.ts';

/** APIM's own gateway's id (context.Deployment.GatewayId). */
const MANAGED_GATEWAY = 'managed';

const TOP_LEVEL = [
  'service', 'namedValues', 'loggers', 'backends', 'mocks', 'products', 'apis', 'subscriptions', 'fragments', 'policy',
  'metrics', 'stores', 'credentialProviders',
];

export function readConfig(document: unknown, file: string, env: Readonly<Record<string, string | undefined>> = process.env): GatewayConfig {
  const issues: ConfigIssue[] = [];
  const root = Fields.of(issues, '$', document ?? {});
  if (!root) throw new ConfigError(file, issues);
  root.only(...TOP_LEVEL);
  const baseDir = dirname(file);
  const service = root.object('service')?.only('name', 'region', 'gatewayId');
  const named = readNamedValues(root, env);
  const apis = readApis(root, baseDir);
  const products = readProducts(root, baseDir, apis);
  const config: GatewayConfig = {
    file,
    service: {
      name: service?.string('name') ?? 'apimx',
      region: service?.string('region') ?? 'local',
      gatewayId: (service?.has('gatewayId') ? service.required('gatewayId') : undefined) ?? MANAGED_GATEWAY,
    },
    namedValues: named.values,
    secretNamedValues: named.secret,
    secrets: new SecretRedactor(named.values, named.secret),
    loggers: readLoggers(root, baseDir, named.values),
    backends: readBackends(root, named.values),
    mocks: readMocks(root),
    products,
    apis,
    subscriptions: readSubscriptions(root, apis, products),
    fragments: readFragments(root, baseDir),
    policy: readPath(root, 'policy', baseDir),
    metrics: readMetrics(root),
    stores: readStores(root, env),
    credentialProviders: readCredentialProviders(root, named.values),
  };
  checkMockUrls(config, issues);
  if (issues.length > 0) throw new ConfigError(file, issues.map((issue) => ({ ...issue, message: config.secrets.redact(issue.message) })));
  return config;
}

function readFragments(root: Fields, baseDir: string): Map<string, string> {
  const fragments = new Map<string, string>();
  const fields = root.object('fragments');
  for (const id of Object.keys(fields?.value ?? {})) {
    const file = readPath(fields!, id, baseDir);
    if (file !== null) fragments.set(id, file);
  }
  return fragments;
}

/** Every mock://name used by an API or a backend names a configured mock. */
function checkMockUrls(config: GatewayConfig, issues: ConfigIssue[]): void {
  const names = new Set(config.mocks.map((m) => m.name));
  const check = (url: string | null | undefined, path: string): void => {
    if (!url?.startsWith('mock://')) return;
    const name = new URL(url).hostname;
    if (!names.has(name)) issues.push({ path, message: `no mock named '${name}' under $.mocks` });
  };
  for (const api of config.apis.values()) check(api.serviceUrl, `$.apis.${api.id}.serviceUrl`);
  for (const [id, backend] of config.backends) {
    const wrapped = isPlain(backend['properties']);
    const url = (wrapped ? (backend['properties'] as BackendInit) : backend)['url'];
    check(typeof url === 'string' ? url : null, `$.backends.${id}${wrapped ? '.properties' : ''}.url`);
  }
}
