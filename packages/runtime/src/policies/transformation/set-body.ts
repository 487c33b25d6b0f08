// set-body (spec §3.9): replaces the request body (inbound, backend) or the response body (outbound, and inside
// return-response) with literal text or an expression's string. template="liquid" is refused at load (not
// supported yet). xsi-nil and parse-date only shape what a Liquid template sees of the body (APIM's docs), so
// without Liquid they change nothing in APIM either: apimx accepts them and, rightly, does nothing with them.
import { PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { replaceBody } from './body-target.ts';
import { expressionReads } from './expression-reads.ts';

export const setBody: PolicyImplementation = {
  name: 'set-body',
  build(node, build): Step {
    if (node.attributes['template']?.value === 'liquid') {
      throw new PolicyError(build.file, node.pos, 'set-body template="liquid" is not supported yet');
    }
    const text = build.text(node);
    const reads = expressionReads(node);
    return {
      // An expression that reads a body (`context.Request.Body.As<JObject>()`) needs it in memory first.
      readsRequestBody: reads.request,
      readsResponseBody: reads.response,
      run(ctx: RequestContext) {
        // [UNCONFIRMED] an expression that returns null leaves an empty body (xsi-nil concerns Liquid only).
        replaceBody(ctx, text(ctx) ?? '');
      },
    };
  },
};
