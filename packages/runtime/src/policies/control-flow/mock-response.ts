// mock-response (spec §3.10, T33): ends the pipeline with the given status and a body built from the operation's
// documented responses (an example, else a sample of the schema, else none: mock-content.ts), which the gateway
// passes with the request when the API has an OpenAPI definition.
// [UNCONFIRMED] whether outbound runs after mock-response: the docs say it "aborts normal pipeline execution and
// returns a mocked response", so apimx ends the whole flow there, as for return-response; outbound does not run.
import { STATUS_CODES } from 'node:http';
import { MessageBody } from '../../context/message-body.ts';
import { ContextResponse, type RequestContext } from '../../context/request-context.ts';
import { EndOfFlow } from '../../pipeline/signals.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { releaseResponseBody } from '../transformation/body-target.ts';
import { declareReads } from '../transformation/expression-reads.ts';
import { mockContent } from './mock-content.ts';

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
        const content = mockContent(ctx.operationResponses, status, contentType(ctx) || null);
        if (content.contentType) response.Headers.set('Content-Type', content.contentType);
        if (content.body) response.Body = new MessageBody(Buffer.from(content.body, 'utf8'));
        releaseResponseBody(ctx);
        ctx.Response = response;
        throw new EndOfFlow('mock-response');
      },
    });
  },
};
