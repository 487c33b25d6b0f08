// return-response (spec §3.10, T31): ends the pipeline and answers with a new response (200 OK, no body), or
// with the response held in response-variable-name; set-status, set-header and set-body inside shape it.
import { ContextResponse, type RequestContext } from '../../context/request-context.ts';
import { runSteps } from '../../pipeline/run-steps.ts';
import { EndOfFlow } from '../../pipeline/signals.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { releaseResponseBody } from '../transformation/body-target.ts';
import { enterResponseScope, leaveResponseScope } from '../transformation/message-target.ts';
import { responseFromVariable } from './stored-response.ts';

export const returnResponse: PolicyImplementation = {
  name: 'return-response',
  build(node, build): Step {
    const variable = node.attributes['response-variable-name']?.value;
    const variableName = typeof variable === 'string' ? variable : null;
    const children = build.policies(node, '');
    const end = (ctx: RequestContext): never => {
      leaveResponseScope(ctx);
      throw new EndOfFlow('return-response');
    };
    const fail = (ctx: RequestContext, error: unknown): never => {
      leaveResponseScope(ctx);
      throw error;
    };
    return {
      run(ctx: RequestContext) {
        const response = variableName === null ? new ContextResponse() : responseFromVariable(ctx, variableName);
        releaseResponseBody(ctx, response.Body);
        ctx.Response = response;
        if (children.length === 0) throw new EndOfFlow('return-response');
        // Children write the response being returned, whatever the section (see message-target.ts).
        enterResponseScope(ctx);
        let pending;
        try {
          pending = runSteps(children, ctx);
        } catch (error) {
          return fail(ctx, error);
        }
        if (pending === undefined) return end(ctx);
        return pending.then(
          () => end(ctx),
          (error: unknown) => fail(ctx, error),
        );
      },
    };
  },
};
