// set-method (spec §3.9): the HTTP method sent to the backend.
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { declareReads } from './expression-reads.ts';

export const setMethod: PolicyImplementation = {
  name: 'set-method',
  build(node, build): Step {
    const method = build.text(node);
    return declareReads(node, {
      run(ctx: RequestContext) {
        // Methods are written upper-case on the wire; `post` in a policy means POST.
        const value = method(ctx)?.trim();
        if (!value) throw new TypeError('set-method needs a method name');
        ctx.Request.Method = value.toUpperCase();
      },
    });
  },
};
