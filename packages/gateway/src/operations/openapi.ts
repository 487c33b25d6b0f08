// Operations from an OpenAPI 3 document (JSON or YAML): one per path and method, named by operationId; the display
// name is the summary; their documented responses ($refs resolved) for mock-response. Read with the configuration,
// so a document that cannot be used is a configuration error.
// [INFERRED] as APIM's import: an operation without operationId gets `<method>-<path>` as its id.
import { readFileSync } from 'node:fs';
import type { OperationResponses } from '@apimx/runtime';
import { parse } from 'yaml';
import type { OperationConfig } from '../config/config-types.ts';
import { resolveRefs } from './openapi-refs.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export interface OpenApiOperations {
  operations: OperationConfig[];
  /** servers[0].url with its variables' defaults, the API's service URL when the configuration gives none. */
  serverUrl: string | null;
}

/** The document's operations, or an Error whose message says what is wrong with it (without the file name). */
export function readOpenApi(file: string): OpenApiOperations {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read it: ${(error as Error).message}`);
  }
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    throw new Error(`not valid JSON or YAML: ${(error as Error).message}`);
  }
  const paths = isObject(document) ? document['paths'] : undefined;
  if (!isObject(paths)) throw new Error("not an OpenAPI document: it has no 'paths' object");
  const operations: OperationConfig[] = [];
  const seen = new Map<string, string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/')) throw new Error(`paths: '${path}' does not start with '/'`);
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const where = `${method.toUpperCase()} ${path}`;
      const given = operation['operationId'];
      const id = typeof given === 'string' && given !== '' ? given : `${method}-${path.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '')}`;
      const clash = seen.get(id);
      if (clash !== undefined) throw new Error(`operationId '${id}' is used by both ${clash} and ${where}`);
      seen.set(id, where);
      const summary = operation['summary'];
      const responses = responsesOf(operation['responses'], document);
      operations.push({
        id,
        name: typeof summary === 'string' && summary !== '' ? summary : id,
        method: method.toUpperCase(),
        urlTemplate: path,
        ...(responses ? { responses } : {}),
      });
    }
  }
  return { operations, serverUrl: serverUrl((document as Record<string, unknown>)['servers']) };
}

/** servers[0].url with `{variable}`s replaced by their defaults; null unless that is an absolute http(s) URL. */
function serverUrl(servers: unknown): string | null {
  const server = Array.isArray(servers) && isObject(servers[0]) ? servers[0] : undefined;
  const raw = server?.['url'];
  if (typeof raw !== 'string') return null;
  const variables = isObject(server!['variables']) ? server!['variables'] : {};
  const url = raw.replace(/\{([^{}]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    return isObject(variable) && typeof variable['default'] === 'string' ? variable['default'] : whole;
  });
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !url.includes('{') ? url : null;
  } catch {
    return null;
  }
}

function responsesOf(responses: unknown, document: unknown): OperationResponses | undefined {
  if (responses === null || typeof responses !== 'object') return undefined;
  return resolveRefs(responses, document) as OperationResponses;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
