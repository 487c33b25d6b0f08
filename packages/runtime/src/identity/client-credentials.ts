// The OAuth 2.0 client credentials grant (RFC 6749 §4.4), for emulated credential manager connections: a form
// POST to the token endpoint with the client's id and secret, answered by a JSON token response (§5.1).
import type { Forwarder } from '../http/forwarder.ts';
import { HeaderMap } from '../http/header-map.ts';

export interface ClientCredentials {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated scopes, sent as `scope` when given. */
  scopes?: string;
  /** Sent as `resource` when given (Entra ID v1 endpoints). */
  resource?: string;
}

export interface TokenResponse {
  accessToken: string;
  /** Seconds, when the server said. */
  expiresIn: number | undefined;
  /** Every field of the response, as strings. */
  fields: Record<string, string>;
}

const TIMEOUT_MS = 20_000;

export async function requestClientCredentialsToken(forwarder: Forwarder, grant: ClientCredentials, signal?: AbortSignal): Promise<TokenResponse> {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: grant.clientId, client_secret: grant.clientSecret });
  if (grant.scopes) form.set('scope', grant.scopes);
  if (grant.resource) form.set('resource', grant.resource);
  const result = await forwarder.forward(
    {
      method: 'POST',
      url: grant.tokenUrl,
      headers: new HeaderMap({ 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }),
      body: Buffer.from(form.toString()),
      clientIp: '127.0.0.1',
      signal,
    },
    grant.tokenUrl,
    { timeoutMs: TIMEOUT_MS, bufferResponse: true },
  );
  const text = Buffer.from(result.body as Uint8Array).toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const body = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  if (result.status !== 200 || typeof body['access_token'] !== 'string') {
    const detail = typeof body['error'] === 'string' ? `${body['error']}${typeof body['error_description'] === 'string' ? `: ${body['error_description']}` : ''}` : text.slice(0, 200);
    throw new Error(`the token endpoint ${grant.tokenUrl} answered ${result.status}: ${detail}`);
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) fields[key] = typeof value === 'string' ? value : JSON.stringify(value);
  const expires = Number(body['expires_in']);
  return { accessToken: body['access_token'], expiresIn: Number.isFinite(expires) && expires > 0 ? expires : undefined, fields };
}
