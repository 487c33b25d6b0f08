// The gateway's own refusals as faults (spec §5.1 built-in steps, §5.2 bodies): they answer with APIM's exact
// status, headers and body, and go through on-error like any other error (T30).
import { errorBody, PolicyFault } from '@apimx/runtime';
import type { AccessDenied } from './access-index.ts';

// The docs' error table words LastError.Message; the gateway's body says "an API" (spec §5.2).
const MESSAGES: Record<AccessDenied, { lastError: string; body: string }> = {
  SubscriptionKeyNotFound: {
    lastError: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to this API.',
    body: 'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.',
  },
  SubscriptionKeyInvalid: {
    lastError: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
    body: 'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.',
  },
};

/**
 * 401 with `WWW-Authenticate: AzureApiManagementKey realm="<gateway>/<api-path>",name="<header>",type="header"`.
 * The realm is this gateway's own origin (APIM's is https://<service>.azure-api.net). [INFERRED] the invalid-key
 * answer carries the same header as the missing-key one.
 */
export function accessFault(denied: AccessDenied, realm: string, headerName: string): PolicyFault {
  const { lastError, body } = MESSAGES[denied];
  const fault = new PolicyFault('authorization', denied, lastError, {
    status: 401,
    reason: 'Access Denied',
    headers: { 'WWW-Authenticate': `AzureApiManagementKey realm="${realm}",name="${headerName}",type="header"` },
    body: errorBody(401, body),
  });
  // [UNCONFIRMED] a built-in step before the policies: LastError.Section inbound, no scope or path.
  fault.section = 'inbound';
  return fault;
}

/** No API or operation matches: 404 `Resource not found` (spec §5.2). [UNCONFIRMED] reason phrase. */
export function notFoundFault(): PolicyFault {
  const fault = new PolicyFault('configuration', 'OperationNotFound', 'Unable to match incoming request to an operation.', {
    status: 404,
    reason: 'Resource Not Found',
    body: errorBody(404, 'Resource not found'),
  });
  fault.section = 'inbound';
  return fault;
}
