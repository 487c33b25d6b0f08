// exists-action of set-header and set-query-parameter (spec §3.9): what to do when the name is already there.
import type { AttributeNode } from '@apimx/parser';
import { isExpression } from '@apimx/parser';
import type { Getter } from '../types.ts';
import type { RequestContext } from '../../context/request-context.ts';

export type ExistsAction = 'override' | 'skip' | 'append' | 'delete';

const ACTIONS: ReadonlySet<string> = new Set(['override', 'skip', 'append', 'delete']);

/** A literal is checked by the parser's enum; an expression's value is checked per request, case-insensitively. */
export function existsActionGetter(attribute: AttributeNode | undefined, string: Getter<string | null>): Getter<ExistsAction> {
  if (!attribute) return () => 'override';
  if (!isExpression(attribute.value)) {
    const constant = String(attribute.value).toLowerCase() as ExistsAction;
    return () => constant;
  }
  return (ctx: RequestContext) => {
    const value = (string(ctx) ?? 'override').toLowerCase();
    if (!ACTIONS.has(value)) throw new TypeError(`exists-action "${value}" is not one of override, skip, append, delete`);
    return value as ExistsAction;
  };
}
