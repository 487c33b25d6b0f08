// send-request (spec §3.10): call a URL and store the answer as an IResponse in context.Variables. The body is
// read whole so expressions can use it; with ignore-error a failed call leaves the variable null (T16).
import { ContextResponse } from '../../context/request-context.ts';
import { MessageBody } from '../../context/message-body.ts';
import { defaultForwarder, type ForwardResult } from '../../http/forwarder.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import type { PolicyImplementation } from '../types.ts';
import { backendFault } from './backend-fault.ts';
import { requestTemplate } from './outgoing-request.ts';

/** The C# type send-request's variable holds (`(IResponse)context.Variables["name"]`). */
export const IRESPONSE_TYPE = 'IResponse';

export const sendRequest: PolicyImplementation = {
  name: 'send-request',
  build(node, build) {
    const template = requestTemplate(node, build);
    const variable = String(node.attributes['response-variable-name']!.value);
    const timeout = build.number(node, 'timeout');
    const ignoreError = build.bool(node, 'ignore-error');
    const forwarder = build.services.forwarder ?? defaultForwarder();
    return {
      readsRequestBody: template.readsRequestBody,
      async run(ctx) {
        const request = await template.create(ctx);
        if (!request.url) {
          throw new PolicyFault('send-request', null, 'send-request: no URL to call (set-url is missing or empty)', {
            status: 500,
            reason: 'Internal Server Error',
            body: errorBody(500, 'Internal server error', { activityId: ctx.requestId }),
          });
        }
        let result: ForwardResult;
        try {
          // [UNCONFIRMED] redirects: not followed, as forward-request does by default.
          result = await forwarder.forward(
            { method: request.method, url: request.url, headers: request.headers, body: request.body, clientIp: ctx.Request.IpAddress, signal: ctx.incoming.signal },
            request.url,
            { timeoutMs: (timeout(ctx) ?? 60) * 1000, bufferResponse: true },
          );
        } catch (error) {
          if (ignoreError(ctx) === true) {
            ctx.Variables.set(variable, null, IRESPONSE_TYPE);
            return;
          }
          throw backendFault('send-request', error, ctx);
        }
        const response = new ContextResponse();
        response.StatusCode = result.status;
        response.StatusReason = result.reason;
        response.Headers = result.headers;
        response.Body = new MessageBody(result.body);
        ctx.Variables.set(variable, response, IRESPONSE_TYPE);
      },
    };
  },
};
