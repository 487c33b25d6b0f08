// The header and variable names rate-limit and rate-limit-by-key report through (spec §3.8), and the 429 they
// answer with: `{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in N seconds." }` [OBS].
import type { PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { RateLimitDecision } from '../../limits/rate-limit.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import { literal } from './policy-instance.ts';

export interface CounterOutputs {
  retryAfterHeader: string;
  retryAfterVariable: string | null;
  remainingHeader: string | null;
  remainingVariable: string | null;
  totalHeader: string | null;
}

export function readCounterOutputs(node: PolicyNode): CounterOutputs {
  return {
    retryAfterHeader: literal(node, 'retry-after-header-name') ?? 'Retry-After',
    retryAfterVariable: literal(node, 'retry-after-variable-name'),
    remainingHeader: literal(node, 'remaining-calls-header-name'),
    remainingVariable: literal(node, 'remaining-calls-variable-name'),
    totalHeader: literal(node, 'total-calls-header-name'),
  };
}

/** After an allowed call: the remaining-calls variable now, and the headers on whatever response ends the flow. */
export function reportAllowed(ctx: RequestContext, outputs: CounterOutputs, decision: RateLimitDecision): void {
  if (outputs.remainingVariable) ctx.Variables.set(outputs.remainingVariable, decision.remaining, 'int');
  if (outputs.remainingHeader || outputs.totalHeader) {
    ctx.onComplete.push((done) => setHeaders(done, outputs, decision));
  }
}

export function setHeaders(ctx: RequestContext, outputs: CounterOutputs, decision: RateLimitDecision): void {
  if (outputs.remainingHeader) ctx.Response.Headers.set(outputs.remainingHeader, String(decision.remaining));
  if (outputs.totalHeader) ctx.Response.Headers.set(outputs.totalHeader, String(decision.total));
}

/** The 429 for a refused call; its variables are set here, its headers travel with the fault's response. */
export function rateLimitFault(source: string, ctx: RequestContext, outputs: CounterOutputs, decision: RateLimitDecision): PolicyFault {
  const seconds = decision.retryAfterSeconds;
  if (outputs.retryAfterVariable) ctx.Variables.set(outputs.retryAfterVariable, seconds, 'int');
  if (outputs.remainingVariable) ctx.Variables.set(outputs.remainingVariable, 0, 'int');
  const headers: Record<string, string> = { [outputs.retryAfterHeader]: String(seconds) };
  if (outputs.remainingHeader) headers[outputs.remainingHeader] = '0';
  if (outputs.totalHeader) headers[outputs.totalHeader] = String(decision.total);
  const message = `Rate limit is exceeded. Try again in ${seconds} seconds.`;
  return new PolicyFault(source, 'RateLimitExceeded', message, {
    status: 429,
    reason: 'Too Many Requests',
    headers,
    body: errorBody(429, message),
  });
}
