// The <api>/<operation> children of rate-limit and quota: extra, independent limits that apply only to the API or
// operation they name (by `id`, which wins over `name`; spec §3.8).
import type { ChildElementNode } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { instanceKey, literal, literalNumber } from './policy-instance.ts';

export interface ScopedLimit {
  /** Counter key suffix, unique per element. */
  key: string;
  calls?: number;
  bandwidth?: number;
  renewalPeriod?: number;
  applies(ctx: RequestContext): boolean;
}

export function readScopedLimits(file: string, apis: readonly ChildElementNode[], elements: (node: ChildElementNode, name: string) => ChildElementNode[]): ScopedLimit[] {
  const limits: ScopedLimit[] = [];
  for (const api of apis) {
    const apiMatch = matcher(api, (ctx) => ctx.Api);
    limits.push(scoped(file, api, apiMatch));
    for (const operation of elements(api, 'operation')) {
      const operationMatch = matcher(operation, (ctx) => ctx.Operation);
      limits.push(scoped(file, operation, (ctx) => apiMatch(ctx) && operationMatch(ctx)));
    }
  }
  return limits;
}

function scoped(file: string, node: ChildElementNode, applies: (ctx: RequestContext) => boolean): ScopedLimit {
  return {
    key: instanceKey(file, node),
    calls: literalNumber(node, 'calls'),
    bandwidth: literalNumber(node, 'bandwidth'),
    renewalPeriod: literalNumber(node, 'renewal-period'),
    applies,
  };
}

function matcher(node: ChildElementNode, entity: (ctx: RequestContext) => { Id: string; Name: string } | null): (ctx: RequestContext) => boolean {
  const id = literal(node, 'id');
  const name = literal(node, 'name');
  if (id !== null) return (ctx) => entity(ctx)?.Id === id;
  return (ctx) => entity(ctx)?.Name === name;
}
