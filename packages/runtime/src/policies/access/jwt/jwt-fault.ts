// A JwtFailure as the caller and on-error see it: failed-validation-httpcode (401 by default) with
// failed-validation-error-message, or the failure's own message, in APIM's error body.
import type { RequestContext } from '../../../context/request-context.ts';
import { errorBody, PolicyFault } from '../../../pipeline/fault.ts';
import type { Getter } from '../../types.ts';
import { JwtFailure } from './jwt-failure.ts';

export function toJwtFault(source: string, error: unknown, ctx: RequestContext, status: Getter<number | null>, message: Getter<string | null>): unknown {
  if (!(error instanceof JwtFailure)) return error;
  const code = status(ctx) ?? 401;
  return new PolicyFault(source, error.reason, error.message, {
    status: code,
    reason: code === 401 ? 'Unauthorized' : undefined,
    body: errorBody(code, message(ctx) ?? error.message),
  });
}
