// The key of a cached response (cache-lookup / cache-store, spec §3.12): API, operation, path, the query, and the
// vary-by values. [UNCONFIRMED] how APIM composes its key: apimx keys on the whole query string unless
// vary-by-query-parameter names the parameters that matter (then only those), and adds each vary-by-header value,
// the user id (vary-by-developer) and the user's group ids (vary-by-developer-groups).
import type { RequestContext } from '../../context/request-context.ts';

export interface VaryBy {
  headers: readonly string[];
  /** Null: the whole query string varies the key. */
  queryParameters: readonly string[] | null;
  developer: boolean;
  developerGroups: boolean;
}

/** `<vary-by-header>` / `<vary-by-query-parameter>` entries may list several names separated by `;`. */
export function splitNames(texts: readonly string[]): string[] {
  return texts.flatMap((text) => text.split(';')).map((name) => name.trim()).filter((name) => name !== '');
}

export function responseCacheKey(ctx: RequestContext, vary: VaryBy): string {
  const url = ctx.Request.OriginalUrl; // what the caller asked for, before any rewrite
  const parts = ['response', ctx.Api?.Id ?? '', ctx.Operation?.Id ?? '', url.Host.toLowerCase(), url.Path];
  if (vary.queryParameters === null) parts.push(url.QueryString);
  else for (const name of vary.queryParameters) parts.push(`${name}=${(url.Query.get(name) ?? []).join(',')}`);
  for (const name of vary.headers) parts.push(`${name.toLowerCase()}:${ctx.Request.Headers.joined(name) ?? ''}`);
  if (vary.developer) parts.push(`user:${ctx.User?.Id ?? ''}`);
  if (vary.developerGroups) parts.push(`groups:${(ctx.User?.Groups ?? []).map((group) => group.Id).sort().join(',')}`);
  return parts.join('\u0000');
}
