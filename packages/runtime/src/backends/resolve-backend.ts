// The one place a backend id becomes a URL and credentials. Pools and circuit breakers (a later issue) slot in
// here: they choose a member and return its id, so forward-request applies that member's credentials.
import type { RequestContext } from '../context/request-context.ts';
import { errorBody, PolicyFault } from '../pipeline/fault.ts';
import type { BackendCredentials } from './backend.ts';

export interface ResolvedBackend {
  url: string;
  credentials: BackendCredentials | undefined;
  /** The backend entity that will receive the request (a pool member once pools exist). */
  backendId: string;
}

/**
 * Resolve `id` for this request. Throws a PolicyFault (500) for an unknown id: APIM checks ids when a policy
 * is saved, but pasted documents carry deployment placeholders such as `{backend-id}`, so apimx can only say so
 * when a request uses it.
 */
export function resolveBackend(id: string, ctx: RequestContext, source = 'set-backend-service'): ResolvedBackend {
  const backends = ctx.services.backends;
  const backend = backends?.get(id);
  if (!backend) {
    const known = backends ? [...backends.ids()] : [];
    const list = known.length > 0 ? `configured backends: ${known.join(', ')}` : 'no backends are configured';
    throw configurationFault(source, 'BackendNotFound', `Backend with id '${id}' could not be found (${list}).`, ctx);
  }
  if (backend.type?.toLowerCase() === 'pool') {
    throw configurationFault(source, 'BackendPoolNotSupported', `Backend '${id}' is a pool; load-balanced pools are not supported yet.`, ctx);
  }
  if (!backend.url) throw configurationFault(source, 'BackendUrlMissing', `Backend '${id}' has no url.`, ctx);
  return { url: backend.url, credentials: backend.credentials, backendId: id };
}

// [UNCONFIRMED] reasons: APIM documents none for these (it refuses the policy at save time); the caller gets
// APIM's unhandled-error answer, 500 with an activity id, and LastError says what is wrong.
function configurationFault(source: string, reason: string, message: string, ctx: RequestContext): PolicyFault {
  return new PolicyFault(source, reason, message, {
    status: 500,
    reason: 'Internal Server Error',
    body: errorBody(500, 'Internal server error', { activityId: ctx.RequestId }),
  });
}
