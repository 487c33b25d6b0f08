// Operations from an OpenAPI 3 document (JSON or YAML): one per path and method, named by operationId, with
// their documented responses ($refs resolved) for mock-response.
// [INFERRED] as APIM's import: an operation without operationId gets `<method>-<path>` as its id.
import { readFile } from 'node:fs/promises';
import type { OperationResponses } from '@apimx/runtime';
import { parse } from 'yaml';
import type { OperationConfig } from '../config/config-types.ts';
import { resolveRefs } from './openapi-refs.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface OpenApiOperations {
  operations: OperationConfig[];
  /** servers[0].url, the API's service URL when the configuration gives none. */
  serverUrl: string | null;
}

export async function readOpenApi(file: string): Promise<OpenApiOperations> {
  const document = parse(await readFile(file, 'utf8')) as unknown;
  if (typeof document !== 'object' || document === null || !('paths' in document)) {
    throw new Error(`${file}: not an OpenAPI document (no paths)`);
  }
  const { paths, servers } = document as {
    paths: Record<string, Record<string, { operationId?: string; summary?: string; responses?: unknown }>>;
    servers?: { url?: string }[];
  };
  const operations: OperationConfig[] = [];
  for (const [path, item] of Object.entries(paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const id = operation.operationId ?? `${method}-${path.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '')}`;
      const responses = responsesOf(operation.responses, document);
      operations.push({
        id,
        name: operation.summary ?? id,
        method: method.toUpperCase(),
        urlTemplate: path.startsWith('/') ? path : `/${path}`,
        ...(responses ? { responses } : {}),
      });
    }
  }
  const serverUrl = servers?.[0]?.url;
  return { operations, serverUrl: serverUrl && /^https?:\/\//.test(serverUrl) ? serverUrl : null };
}

function responsesOf(responses: unknown, document: unknown): OperationResponses | undefined {
  if (responses === null || typeof responses !== 'object') return undefined;
  return resolveRefs(responses, document) as OperationResponses;
}
