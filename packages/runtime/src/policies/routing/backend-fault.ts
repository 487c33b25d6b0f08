// A failed backend call (forward-request, send-request) as the fault APIM reports: LastError.Reason is Timeout,
// BackendConnectionFailure or ClientConnectionFailure (spec §3.6, §5.1).
import type { RequestContext } from '../../context/request-context.ts';
import { toForwardError } from '../../http/forward-error.ts';
import { errorBody, PolicyFault } from '../../pipeline/fault.ts';

/**
 * [UNCONFIRMED] the status a caller gets for a backend timeout. apimx answers 500 with APIM's unhandled-error body,
 * as users report seeing for "timeout at forward-request" (MicrosoftDocs/azure-docs issue #109013: "receives a 500
 * internal server error due to timeout at forward-request"); a connection failure is 500 too [OBS, spec §3.6].
 */
export function backendFault(source: string, error: unknown, ctx: RequestContext): PolicyFault {
  const failure = toForwardError(error);
  return new PolicyFault(source, failure.reason, failure.message, {
    status: 500,
    reason: 'Internal Server Error',
    body: errorBody(500, 'Internal server error', { activityId: ctx.requestId }),
  });
}
