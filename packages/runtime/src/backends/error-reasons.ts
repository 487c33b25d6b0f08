// circuitBreaker failureCondition.errorReasons is free text in APIM ("Server errors", "timeout" in samples).
// [INFERRED] what each means for apimx's own failure reasons (spec §3.6): the documented reason names match
// themselves; text mentioning a timeout or a connection matches that; "server error(s)" matches both, since a
// backend that cannot be reached is a server-side failure. Text that matches nothing counts nothing.
import type { ForwardErrorReason } from '../http/forward-error.ts';

export type BackendFailureReason = Exclude<ForwardErrorReason, 'ClientConnectionFailure'>;

export function failureReasons(errorReasons: readonly string[]): ReadonlySet<BackendFailureReason> {
  const reasons = new Set<BackendFailureReason>();
  for (const text of errorReasons) {
    const lower = text.toLowerCase();
    if (lower.includes('timeout') || lower.includes('timed out')) reasons.add('Timeout');
    if (lower.includes('connection')) reasons.add('BackendConnectionFailure');
    if (/server\s*errors?/.test(lower)) {
      reasons.add('Timeout');
      reasons.add('BackendConnectionFailure');
    }
  }
  return reasons;
}
