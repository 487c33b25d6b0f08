// set-status (spec §3.9): the response status code and reason phrase.
import { STATUS_CODES } from 'node:http';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { declareReads } from './expression-reads.ts';

export const setStatus: PolicyImplementation = {
  name: 'set-status',
  build(node, build): Step {
    const code = build.number(node, 'code');
    const reason = build.string(node, 'reason');
    return declareReads(node, {
      run(ctx: RequestContext) {
        const status = code(ctx);
        if (status === null || !Number.isInteger(status) || status < 100 || status > 599) {
          throw new TypeError(`set-status code ${String(status)} is not an HTTP status code`);
        }
        ctx.Response.StatusCode = status;
        // The docs require reason, deployed policies omit it: the standard phrase stands in.
        ctx.Response.StatusReason = reason(ctx) ?? STATUS_CODES[status] ?? '';
      },
    });
  },
};
