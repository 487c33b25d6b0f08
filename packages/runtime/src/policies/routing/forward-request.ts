// forward-request (spec §3.6): sends context.Request to context.Request.Url and makes the backend's answer
// context.Response, its body streaming through. Attributes are read once here; the per-request path only
// evaluates expression-valued ones.
import { PolicyError } from '@apimx/parser';
import { applyCredentials } from '../../backends/credentials.ts';
import { reportBackendError, reportBackendResponse } from '../../backends/report-outcome.ts';
import { ContextResponse, type RequestContext } from '../../context/request-context.ts';
import { MessageBody } from '../../context/message-body.ts';
import { defaultForwarder, type ForwardResult } from '../../http/forwarder.ts';
import { discardBody, readStream } from '../../http/read-body.ts';
import { PolicyFault } from '../../pipeline/fault.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { backendFault } from './backend-fault.ts';
import { coalesce } from './coalesce.ts';

const MAX_ERROR_BODY_BYTES = 1 << 20;

export const forwardRequest: PolicyImplementation = {
  name: 'forward-request',
  build(node, build) {
    const httpVersion = node.attributes['http-version'];
    // "2or1" prefers HTTP/2 and falls back to 1.1: apimx always takes the fallback. Plain "2" cannot be honoured.
    if (httpVersion?.value === '2') {
      throw new PolicyError(build.file, httpVersion.pos, 'forward-request: http-version="2" is not supported (apimx forwards with HTTP/1.1; use "1" or "2or1")');
    }
    // continue-timeout: [INFERRED] written, it makes the call announce its body with `Expect: 100-continue` and wait
    // up to that many seconds for 100 Continue (the forwarder's continueTimeoutMs); not written, no Expect is sent.
    const continueTimeoutMs = seconds(build.number(node, 'continue-timeout'));
    const timeoutMs: Getter<number | null> = node.attributes['timeout-ms']
      ? build.number(node, 'timeout-ms')
      : seconds(build.number(node, 'timeout'));
    const followRedirects = build.bool(node, 'follow-redirects');
    const bufferResponse = node.attributes['buffer-response']?.value !== false;
    const failOnErrorStatus = node.attributes['fail-on-error-status-code']?.value === true;
    const forwarder = build.services.forwarder ?? defaultForwarder();

    return {
      // buffer-request-body: the pipeline reads the body into bytes before this step, so retry can send it
      // again. Without it a streamed body goes out once; a second attempt fails with a clear message.
      readsRequestBody: node.attributes['buffer-request-body']?.value === true,
      async run(ctx) {
        const request = ctx.Request;
        const backendId = ctx.backend.backendId;
        const backend = backendId ? ctx.services.backends?.get(backendId) : undefined;
        const credentials = backend?.credentials;
        const target = applyCredentials(credentials, request.urlText(), request.Headers);
        let result: ForwardResult;
        try {
          result = await forwarder.forward(
            { method: request.Method, url: target.url, headers: target.headers, body: request.Body?.toWire(), clientIp: request.IpAddress, signal: ctx.incoming.signal },
            target.url,
            {
              timeoutMs: timeoutMs(ctx) ?? undefined,
              continueTimeoutMs: continueTimeoutMs(ctx) ?? undefined,
              followRedirects: followRedirects(ctx) ?? false,
              tls: backend?.tls,
            },
          );
        } catch (error) {
          // The backend's circuit breaker counts timeouts and connection failures (spec §4.3).
          if (backendId) reportBackendError(ctx, backendId, error);
          throw backendFault('forward-request', error, ctx);
        }
        if (backendId) reportBackendResponse(ctx, backendId, result.status, result.headers);
        if (failOnErrorStatus && result.status >= 400) throw await errorStatusFault(result);
        setResponse(ctx, result, bufferResponse);
      },
    };
  },
};

function seconds(getter: Getter<number | null>): Getter<number | null> {
  return (ctx) => {
    const value = getter(ctx);
    return value === null ? null : value * 1000;
  };
}

function setResponse(ctx: RequestContext, result: ForwardResult, bufferResponse: boolean): void {
  // A response of an earlier attempt (retry) that nobody read: free its socket.
  const previous = ctx.Response.Body;
  if (previous && !previous.buffered) discardBody(previous.toWire());
  const response = new ContextResponse();
  response.StatusCode = result.status;
  response.StatusReason = result.reason;
  response.Headers = result.headers;
  let body = result.body;
  if (bufferResponse && !(body instanceof Uint8Array) && !result.headers.has('content-length')) body = coalesce(body);
  response.Body = new MessageBody(body);
  ctx.Response = response;
}

/**
 * fail-on-error-status-code: a backend 4xx/5xx goes to on-error. [UNCONFIRMED] what the caller then gets when
 * on-error leaves it alone: apimx answers with the backend's own status, reason, headers and body (so on-error
 * sees context.Response.StatusCode as the backend's), and LastError has no documented Reason, so none is set.
 */
async function errorStatusFault(result: ForwardResult): Promise<PolicyFault> {
  let body = '';
  try {
    body = Buffer.from(result.body instanceof Uint8Array ? result.body : await readStream(result.body, MAX_ERROR_BODY_BYTES)).toString('utf8');
  } catch {
    discardBody(result.body);
  }
  const headers: Record<string, string> = {};
  for (const [name, values] of result.headers) if (name.toLowerCase() !== 'content-length') headers[name] = values.join(', ');
  return new PolicyFault('forward-request', null, `Backend returned status code ${result.status}`, {
    status: result.status,
    reason: result.reason,
    headers,
    body,
  });
}
