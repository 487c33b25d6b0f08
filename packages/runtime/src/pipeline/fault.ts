// Errors as APIM reports them: a PolicyFault is what ends the normal flow and sends it to on-error with
// context.LastError filled (spec §5.1). Its status and body are what the caller gets when on-error does not
// answer otherwise (spec §5.2).
import type { Section } from '@apimx/parser';
import type { ScopeName } from './scopes.ts';

/** context.LastError as expressions see it. */
export interface LastError {
  Source: string;
  Reason: string | null;
  Message: string;
  Scope: string | null;
  Section: string | null;
  Path: string | null;
  PolicyId: string | null;
}

export interface FaultResponse {
  status: number;
  reason?: string;
  /** Extra response headers (Retry-After, WWW-Authenticate...). */
  headers?: Readonly<Record<string, string>>;
  /** Defaults to APIM's `{ "statusCode": n, "message": "..." }`. */
  body?: string;
}

export class PolicyFault extends Error {
  /** Where the fault happened; filled by the pipeline when the policy that raised it is known. */
  scope: ScopeName | null = null;
  section: Section | null = null;
  path: string | null = null;
  policyId: string | null = null;

  constructor(
    /** The policy name or built-in step (`configuration`, `authorization`, `forward-request`...). */
    readonly source: string,
    /** Machine-friendly code (`RateLimitExceeded`, `ExpressionValueEvaluationFailure`...), or null. */
    readonly reason: string | null,
    message: string,
    /** What the caller receives unless on-error answers otherwise. */
    readonly response: FaultResponse,
  ) {
    super(message);
    this.name = 'PolicyFault';
  }

  get lastError(): LastError {
    return {
      Source: this.source,
      Reason: this.reason,
      Message: this.message,
      Scope: this.scope,
      Section: this.section,
      Path: this.path,
      PolicyId: this.policyId,
    };
  }
}

/** APIM's default error body (spec §5.2). */
export function errorBody(status: number, message: string, extra?: Record<string, unknown>): string {
  return JSON.stringify({ statusCode: status, message, ...extra });
}

/**
 * An error nobody turned into a fault (a bug in a policy, or an expression failure without a location) is
 * answered as APIM answers unhandled errors: 500 with an activity id (spec §5.2).
 */
export function internalFault(source: string, reason: string | null, message: string, activityId: string): PolicyFault {
  return new PolicyFault(source, reason, message, {
    status: 500,
    reason: 'Internal Server Error',
    body: errorBody(500, 'Internal server error', { activityId }),
  });
}
