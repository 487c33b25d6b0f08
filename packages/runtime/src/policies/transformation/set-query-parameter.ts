// set-query-parameter (spec §3.9): changes context.Request.Url.Query, the query sent to the backend.
// [UNCONFIRMED] several <value> elements become repeated parameters (`a=1&a=2`), the usual form of a multi-valued
// query parameter; APIM's Query dictionary holds a string[] per name either way.
import type { StringValuesDictionary } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { existsActionGetter, type ExistsAction } from './exists-action.ts';
import { evaluate, valueGetters } from './value-list.ts';
import { declareReads } from './expression-reads.ts';

export const setQueryParameter: PolicyImplementation = {
  name: 'set-query-parameter',
  build(node, build): Step {
    const name = build.string(node, 'name');
    const action = existsActionGetter(node.attributes['exists-action'], build.string(node, 'exists-action'));
    const values = valueGetters(node, build);
    return declareReads(node, {
      run(ctx: RequestContext) {
        const parameter = name(ctx);
        if (!parameter) return;
        const current = action(ctx);
        applyQuery(ctx.Request.Url.Query, parameter, current, current === 'delete' ? [] : evaluate(values, ctx));
      },
    });
  },
};

export function applyQuery(query: StringValuesDictionary, name: string, action: ExistsAction, values: string[]): void {
  switch (action) {
    case 'delete':
      query.delete(name);
      return;
    case 'skip':
      if (!query.has(name)) query.set(name, values);
      return;
    case 'override':
      query.set(name, values);
      return;
    case 'append': {
      const existing = query.get(name);
      if (existing) existing.push(...values);
      else query.set(name, values);
      return;
    }
  }
}
