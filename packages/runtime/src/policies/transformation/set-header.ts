// set-header (spec §3.9): request headers in inbound/backend, response headers in outbound/on-error and inside
// return-response. Name, exists-action and every <value> may be expressions.
import { isExpression } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { existsActionGetter } from './exists-action.ts';
import { applyHeader, headerRule, type HeaderRule } from './header-rules.ts';
import { targetsResponse } from './message-target.ts';
import { evaluate, valueGetters } from './value-list.ts';
import { declareReads } from './expression-reads.ts';

export const setHeader: PolicyImplementation = {
  name: 'set-header',
  build(node, build): Step {
    const nameAttribute = node.attributes['name']!;
    const name = build.string(node, 'name');
    const action = existsActionGetter(node.attributes['exists-action'], build.string(node, 'exists-action'));
    const values = valueGetters(node, build);
    // A literal name is looked up once; an expression's name per request.
    const staticRule: HeaderRule | null = isExpression(nameAttribute.value) ? null : headerRule(String(nameAttribute.value));
    return declareReads(node, {
      run(ctx: RequestContext) {
        const headerName = name(ctx);
        // [UNCONFIRMED] a name expression that yields null or '' names no header: nothing to do.
        if (!headerName) return;
        const headers = targetsResponse(ctx) ? ctx.Response.Headers : ctx.Request.Headers;
        const current = action(ctx);
        applyHeader(headers, headerName, staticRule ?? headerRule(headerName), current, current === 'delete' ? [] : evaluate(values, ctx));
      },
    });
  },
};
