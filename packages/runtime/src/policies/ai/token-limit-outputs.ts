// The headers and variables llm-token-limit reports through (spec §3.1), and its two refusals: 429 for the
// per-minute rate, 403 for the quota, both with the retry-after header (seconds) and APIM's {statusCode, message}.
import type { PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';
import type { Getter } from '../types.ts';
import { literal } from '../limits/policy-instance.ts';

export interface TokenLimitOutputs {
  retryAfterHeader: string;
  retryAfterVariable: string | null;
  remainingTokensHeader: string | null;
  remainingTokensVariable: string | null;
  remainingQuotaHeader: string | null;
  remainingQuotaVariable: string | null;
  tokensConsumedHeader: string | null;
  /** The only name the docs leave open to expressions. */
  tokensConsumedVariable: Getter<string | null> | null;
}

export function readTokenLimitOutputs(node: PolicyNode, consumedVariable: Getter<string | null> | null): TokenLimitOutputs {
  return {
    retryAfterHeader: literal(node, 'retry-after-header-name') ?? 'Retry-After',
    retryAfterVariable: literal(node, 'retry-after-variable-name'),
    remainingTokensHeader: literal(node, 'remaining-tokens-header-name'),
    remainingTokensVariable: literal(node, 'remaining-tokens-variable-name'),
    remainingQuotaHeader: literal(node, 'remaining-quota-tokens-header-name'),
    remainingQuotaVariable: literal(node, 'remaining-quota-tokens-variable-name'),
    tokensConsumedHeader: literal(node, 'tokens-consumed-header-name'),
    tokensConsumedVariable: consumedVariable,
  };
}

/** What the counters say after a step; null for a limit the policy does not set. */
export interface Remaining {
  tokens: number | null;
  quota: number | null;
}

export function setRemainingVariables(ctx: RequestContext, outputs: TokenLimitOutputs, remaining: Remaining): void {
  if (outputs.remainingTokensVariable && remaining.tokens !== null) ctx.Variables.set(outputs.remainingTokensVariable, remaining.tokens, 'int');
  if (outputs.remainingQuotaVariable && remaining.quota !== null) ctx.Variables.set(outputs.remainingQuotaVariable, remaining.quota, 'int');
}

export function setRemainingHeaders(ctx: RequestContext, outputs: TokenLimitOutputs, remaining: Remaining): void {
  if (outputs.remainingTokensHeader && remaining.tokens !== null) ctx.Response.Headers.set(outputs.remainingTokensHeader, String(remaining.tokens));
  if (outputs.remainingQuotaHeader && remaining.quota !== null) ctx.Response.Headers.set(outputs.remainingQuotaHeader, String(remaining.quota));
}

export function setTokensConsumed(ctx: RequestContext, outputs: TokenLimitOutputs, tokens: number, header: boolean): void {
  const name = outputs.tokensConsumedVariable?.(ctx);
  if (name) ctx.Variables.set(name, tokens, 'int');
  if (header && outputs.tokensConsumedHeader) ctx.Response.Headers.set(outputs.tokensConsumedHeader, String(tokens));
}

export type Refusal = 'rate' | 'quota';

/**
 * The refusal as a fault: its variables are set here, its headers travel with the fault's response.
 * [UNCONFIRMED] the message texts (spec §3.1: the body is not documented); they follow the classic rate-limit's
 * "Rate limit is exceeded. Try again in N seconds." [OBS] and the quota policy's wording.
 */
export function tokenLimitFault(source: string, ctx: RequestContext, outputs: TokenLimitOutputs, refusal: Refusal, seconds: number, remaining: Remaining): PolicyFault {
  if (outputs.retryAfterVariable) ctx.Variables.set(outputs.retryAfterVariable, seconds, 'int');
  const left: Remaining = {
    tokens: refusal === 'rate' ? 0 : remaining.tokens,
    quota: refusal === 'quota' ? 0 : remaining.quota,
  };
  setRemainingVariables(ctx, outputs, left);
  const headers: Record<string, string> = { [outputs.retryAfterHeader]: String(seconds) };
  if (outputs.remainingTokensHeader && left.tokens !== null) headers[outputs.remainingTokensHeader] = String(left.tokens);
  if (outputs.remainingQuotaHeader && left.quota !== null) headers[outputs.remainingQuotaHeader] = String(left.quota);
  const status = refusal === 'rate' ? 429 : 403;
  const message = refusal === 'rate'
    ? `Token limit is exceeded. Try again in ${seconds} seconds.`
    : `Token quota is exceeded. Quota will be replenished in ${seconds} seconds.`;
  return new PolicyFault(source, refusal === 'rate' ? 'TokenLimitExceeded' : 'TokenQuotaExceeded', message, {
    status,
    reason: refusal === 'rate' ? 'Too Many Requests' : 'Forbidden',
    headers,
    body: errorBody(status, message),
  });
}
