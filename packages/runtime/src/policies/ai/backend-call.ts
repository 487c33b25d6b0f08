// A call the gateway makes on its own to a backend entity a policy names: the embeddings backend of the semantic
// cache, the Azure AI Content Safety backend. The entity gives the URL (pools and circuit breakers as for
// set-backend-service) and its credentials; a backend without credentials gets a managed identity token for
// `resource` (APIM's "system-assigned" authentication), which apimx EMULATES with its configured local identity
// (identity/identity.ts: unsigned tokens that real Azure services refuse; give such backends credentials).
import { applyCredentials } from '../../backends/credentials.ts';
import { resolveBackend } from '../../backends/resolve-backend.ts';
import type { RequestContext } from '../../context/request-context.ts';
import { defaultForwarder } from '../../http/forwarder.ts';
import { HeaderMap } from '../../http/header-map.ts';
import { parseJsonBody } from '../../tokens/index.ts';

/** Entra ID resource of Azure OpenAI and Azure AI services (both docs name it). */
export const COGNITIVE_SERVICES = 'https://cognitiveservices.azure.com';

export interface BackendCall {
  /** Policy name, for traces and errors. */
  source: string;
  backendId: string;
  /** Appended to the backend's URL ('' to call the URL as it is). */
  path: string;
  body: unknown;
  timeoutMs: number;
}

export interface BackendAnswer {
  status: number;
  /** The parsed JSON body; undefined when it is not JSON. */
  json: unknown;
  text: string;
}

/** POSTs `call.body` as JSON. Rejects (with a message saying why) when the backend cannot be called or reached. */
export async function callBackend(ctx: RequestContext, call: BackendCall): Promise<BackendAnswer> {
  const resolved = resolveBackend(call.backendId, ctx, call.source);
  const backend = ctx.services.backends?.get(resolved.backendId);
  const headers = new HeaderMap({ 'Content-Type': 'application/json', Accept: 'application/json' });
  const credentials = resolved.credentials;
  if (!credentials?.header && !credentials?.authorization) {
    const identity = ctx.services.identity;
    if (!identity) throw new Error(`backend '${resolved.backendId}' has no credentials and no managed identity is configured`);
    const { token } = await identity.getToken(COGNITIVE_SERVICES, undefined);
    headers.set('Authorization', `Bearer ${token}`);
  }
  const url = joinUrl(resolved.url, call.path);
  const target = applyCredentials(credentials, url, headers);
  const forwarder = ctx.services.forwarder ?? defaultForwarder();
  const body = Buffer.from(JSON.stringify(call.body));
  const result = await forwarder.forward(
    { method: 'POST', url: target.url, headers: target.headers, body, clientIp: ctx.Request.IpAddress, signal: ctx.incoming.signal },
    target.url,
    { timeoutMs: call.timeoutMs, bufferResponse: true, tls: backend?.tls },
  );
  const bytes = result.body as Uint8Array;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return { status: result.status, json: parseJsonBody(bytes), text };
}

/** `base` with `path` (which may carry its own query) appended to its path; both queries kept. */
function joinUrl(base: string, path: string): string {
  if (path === '') return base;
  const q = base.indexOf('?');
  const basePath = (q < 0 ? base : base.slice(0, q)).replace(/\/+$/, '');
  const baseQuery = q < 0 ? '' : base.slice(q + 1);
  if (baseQuery === '') return basePath + path;
  return basePath + path + (path.includes('?') ? '&' : '?') + baseQuery;
}
