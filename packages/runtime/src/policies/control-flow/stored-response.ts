// A response kept in a context variable (send-request's response-variable-name, an IResponse), as
// return-response's response-variable-name reads it. Any object with IResponse's members is accepted, so that
// return-response does not depend on how send-request builds its responses.
import { STATUS_CODES } from 'node:http';
import { MessageBody } from '../../context/message-body.ts';
import { ContextResponse, type RequestContext } from '../../context/request-context.ts';
import { HeaderMap } from '../../http/header-map.ts';

interface ResponseLike {
  StatusCode: number;
  StatusReason?: unknown;
  Headers?: unknown;
  Body?: unknown;
}

/** A copy of the stored response: children of return-response change the copy, not the variable. */
export function responseFromVariable(ctx: RequestContext, name: string): ContextResponse {
  const stored = ctx.Variables.get(name);
  if (!isResponse(stored)) {
    // [UNCONFIRMED] APIM's message for this case is not documented; the request fails with a 500.
    throw new Error(`context variable "${name}" does not hold a response`);
  }
  const response = new ContextResponse();
  response.StatusCode = stored.StatusCode;
  response.StatusReason = typeof stored.StatusReason === 'string' ? stored.StatusReason : (STATUS_CODES[stored.StatusCode] ?? '');
  if (stored.Headers instanceof HeaderMap) response.Headers = stored.Headers.clone();
  if (stored.Body instanceof MessageBody) response.Body = stored.Body;
  return response;
}

function isResponse(value: unknown): value is ResponseLike {
  return typeof value === 'object' && value !== null && typeof (value as ResponseLike).StatusCode === 'number';
}
