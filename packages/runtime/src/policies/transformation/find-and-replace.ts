// find-and-replace (spec §3.9, T49): every occurrence of `from` in the request body (inbound, backend) or the
// response body (outbound, on-error) becomes `to`; an empty `to` removes the matches. Plain text, case-sensitive.
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { bufferTarget, replaceBody, targetBody } from './body-target.ts';
import { declareReads } from './expression-reads.ts';

export const findAndReplace: PolicyImplementation = {
  name: 'find-and-replace',
  build(node, build): Step {
    const from = build.string(node, 'from');
    const to = build.string(node, 'to');
    const apply = (ctx: RequestContext): void => {
      const body = targetBody(ctx);
      const search = from(ctx);
      if (!body || !search) return;
      // Reads a copy: the body stays readable by later policies and expressions.
      const text = Buffer.from(body.read(true)).toString('utf8');
      if (!text.includes(search)) return;
      replaceBody(ctx, text.replaceAll(search, to(ctx) ?? ''));
    };
    return declareReads(node, {
      run(ctx: RequestContext) {
        // The target depends on the section, so the body is buffered here rather than through the step's flags.
        const pending = bufferTarget(ctx);
        return pending ? pending.then(() => apply(ctx)) : apply(ctx);
      },
    });
  },
};
