// `apis:` (APIM API entities) and how each gets its operations.
import type { ApiConfig, OperationConfig, OperationSource } from './config-types.ts';
import { ADMIN_PREFIX } from '../admin/admin-routes.ts';
import { readOpenApi } from '../operations/openapi.ts';
import { readPath, readUrl } from './policy-path.ts';
import { Fields, describe, isPlain } from './reader.ts';

export const DEFAULT_KEY_HEADER = 'Ocp-Apim-Subscription-Key';
export const DEFAULT_KEY_QUERY = 'subscription-key';
/** No API may be served under the admin surface's prefix (/apimx/...). */
const ADMIN_SEGMENT = ADMIN_PREFIX.slice(1);

export function readApis(root: Fields, baseDir: string): Map<string, ApiConfig> {
  const apis = new Map<string, ApiConfig>();
  const paths = new Map<string, string>();
  for (const [id, raw, path] of root.entries('apis')) {
    const fields = Fields.of(root.issues, path, raw);
    if (!fields) continue;
    fields.only(
      'name', 'displayName', 'path', 'serviceUrl', 'subscriptionRequired', 'subscriptionKeyParameterNames', 'protocols',
      'apiVersion', 'apiRevision', 'operations', 'policy', 'operationPolicies',
    );
    const apiPath = fields.string('path');
    if (apiPath === undefined) fields.fail('path', "is required (the API's URL suffix; \"\" for the root)");
    const normalized = (apiPath ?? '').replace(/^\/+|\/+$/g, '');
    if (normalized.split('/')[0]!.toLowerCase() === ADMIN_SEGMENT) fields.fail('path', `'${normalized}' is under /${ADMIN_SEGMENT}, which apimx reserves for its admin surface`);
    const clash = paths.get(normalized.toLowerCase());
    if (clash !== undefined) fields.fail('path', `'${normalized}' is already the path of API '${clash}'`);
    paths.set(normalized.toLowerCase(), id);
    const names = fields.object('subscriptionKeyParameterNames')?.only('header', 'query');
    const operationPolicies = new Map<string, string>();
    const policies = fields.object('operationPolicies');
    for (const key of Object.keys(policies?.value ?? {})) {
      const file = readPath(policies!, key, baseDir);
      if (file !== null) operationPolicies.set(key, file);
    }
    apis.set(id, {
      id,
      name: fields.string('name') ?? fields.string('displayName') ?? id,
      path: normalized,
      serviceUrl: readUrl(fields, 'serviceUrl'),
      subscriptionRequired: fields.bool('subscriptionRequired', true),
      subscriptionKeyParameterNames: {
        header: names?.string('header') ?? DEFAULT_KEY_HEADER,
        query: names?.string('query') ?? DEFAULT_KEY_QUERY,
      },
      protocols: fields.has('protocols') ? fields.strings('protocols') : ['https', 'http'],
      version: fields.string('apiVersion') ?? null,
      revision: fields.string('apiRevision', '1'),
      operations: readOperationSource(fields, baseDir),
      policy: readPath(fields, 'policy', baseDir),
      operationPolicies,
    });
  }
  return apis;
}

function readOperationSource(fields: Fields, baseDir: string): OperationSource {
  const raw = fields.value['operations'];
  if (raw === 'azure-openai' || raw === 'openai-v1') return { kind: raw };
  if (Array.isArray(raw)) return { kind: 'list', operations: readOperationList(fields) };
  const source = isPlain(raw) ? fields.object('operations') : undefined;
  if (source?.has('openapi')) {
    source.only('openapi');
    const file = readPath(source, 'openapi', baseDir);
    if (file === null) return { kind: 'list', operations: [] };
    try {
      return { kind: 'openapi', file, ...readOpenApi(file) };
    } catch (error) {
      source.fail('openapi', `${file}: ${(error as Error).message}`);
      return { kind: 'list', operations: [] };
    }
  }
  fields.fail(
    'operations',
    `expected azure-openai, openai-v1, { openapi: <file> } or a list of { id, method, urlTemplate }, found ${describe(raw)}`,
  );
  return { kind: 'list', operations: [] };
}

function readOperationList(fields: Fields): OperationConfig[] {
  const out: OperationConfig[] = [];
  for (const [raw, path] of fields.list('operations')) {
    const op = Fields.of(fields.issues, path, raw)?.only('id', 'name', 'method', 'urlTemplate');
    if (!op) continue;
    const id = op.required('id');
    const method = op.required('method');
    const urlTemplate = op.required('urlTemplate');
    if (urlTemplate !== undefined && !urlTemplate.startsWith('/')) op.fail('urlTemplate', "must start with '/'");
    if (id && method && urlTemplate) out.push({ id, name: op.string('name', id), method: method.toUpperCase(), urlTemplate });
  }
  return out;
}
