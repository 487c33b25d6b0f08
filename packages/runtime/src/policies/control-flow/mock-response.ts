// mock-response (spec §3.10, T33): ends the pipeline with the given status and content type.
// APIM prefers an example or a schema sample from the API definition; apimx has no API definitions yet, so the
// body is empty (the documented fallback), with the Content-Type when one is given.
import { STATUS_CODES } from 'node:http';
import { ContextResponse, type RequestContext } from '../../context/request-context.ts';
import { EndOfFlow } from '../../pipeline/signals.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { releaseResponseBody } from '../transformation/body-target.ts';
import { declareReads } from '../transformation/expression-reads.ts';

export const mockResponse: PolicyImplementation = {
  name: 'mock-response',
  build(node, build): Step {
    const statusCode = build.number(node, 'status-code');
    const contentType = build.string(node, 'content-type');
    return declareReads(node, {
      run(ctx: RequestContext) {
        const status = statusCode(ctx) ?? 200;
        const response = new ContextResponse();
        response.StatusCode = status;
        response.StatusReason = STATUS_CODES[status] ?? '';
        const type = contentType(ctx);
        if (type) response.Headers.set('Content-Type', type);
        releaseResponseBody(ctx);
        ctx.Response = response;
        throw new EndOfFlow('mock-response');
      },
    });
  },
};
