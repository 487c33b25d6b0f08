// Where validate-jwt / validate-azure-ad-token read the token: header-name, query-parameter-name or token-value.
// From the Authorization header a scheme prefix is expected: require-scheme names it (a token without it is "not
// present"); without require-scheme a leading "Bearer " is dropped when present. require-scheme is ignored for any
// other header (spec §3.11).
import type { PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../../context/request-context.ts';
import type { BuildContext } from '../../types.ts';

export type TokenSource = (ctx: RequestContext) => string | null;

export function readTokenSource(build: BuildContext, node: PolicyNode, defaultHeader: string | null): TokenSource {
  const headerName = node.attributes['header-name'] ? build.string(node, 'header-name') : null;
  const queryName = node.attributes['query-parameter-name'] ? build.string(node, 'query-parameter-name') : null;
  const tokenValue = node.attributes['token-value'] ? build.string(node, 'token-value') : null;
  const scheme = node.attributes['require-scheme'] ? build.string(node, 'require-scheme') : null;
  if (tokenValue) return (ctx) => nonEmpty(tokenValue(ctx));
  if (queryName) return (ctx) => nonEmpty(ctx.Request.Url.Query.get(queryName(ctx) ?? '')?.[0] ?? ctx.Request.OriginalUrl.Query.get(queryName(ctx) ?? '')?.[0]);
  const header: (ctx: RequestContext) => string | null = headerName ? (ctx) => headerName(ctx) : () => defaultHeader;
  return (ctx) => {
    const name = header(ctx);
    if (!name) return null;
    const value = ctx.Request.Headers.first(name)?.trim();
    if (!value) return null;
    if (name.toLowerCase() !== 'authorization') return value;
    const required = scheme?.(ctx);
    if (required) {
      const prefix = `${required} `;
      return value.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() ? nonEmpty(value.slice(prefix.length).trim()) : null;
    }
    return nonEmpty(/^bearer\s+/i.test(value) ? value.replace(/^bearer\s+/i, '') : value);
  };
}

function nonEmpty(value: string | null | undefined): string | null {
  return value ? value : null;
}
