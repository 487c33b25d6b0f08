// authentication-managed-identity inside send-request / send-one-way-request: a token for `resource` from the
// runtime's identity service (emulated locally, see identity/identity.ts) as `Authorization: Bearer` on the
// call, optionally also in a string variable. ignore-error: a failed token leaves the call without it.
import type { PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { RuntimeServices } from '../../services.ts';
import type { BuildContext } from '../types.ts';
import type { OutgoingRequest } from './outgoing-request.ts';

interface TokenSource {
  getToken(resource: string, clientId: string | undefined): { token: string } | Promise<{ token: string }>;
}

// Read structurally: the identity member of RuntimeServices belongs to the access policies' engineer.
function identityOf(services: RuntimeServices): TokenSource | undefined {
  return (services as { identity?: TokenSource }).identity;
}

export function managedIdentityShape(child: PolicyNode, build: BuildContext): (request: OutgoingRequest, ctx: RequestContext) => Promise<void> {
  const resource = build.string(child, 'resource');
  const clientId = child.attributes['client-id']?.value;
  const variable = child.attributes['output-token-variable-name']?.value;
  const ignoreError = build.bool(child, 'ignore-error');
  return async (request, ctx) => {
    try {
      const identity = identityOf(ctx.services);
      if (!identity) throw new Error('no managed identity is configured');
      const target = resource(ctx);
      if (!target) throw new Error('resource is empty');
      const { token } = await identity.getToken(target, typeof clientId === 'string' ? clientId : undefined);
      request.headers.set('Authorization', `Bearer ${token}`);
      if (typeof variable === 'string') ctx.Variables.set(variable, token, 'string');
    } catch (error) {
      if (ignoreError(ctx) === true) return;
      throw new Error(`authentication-managed-identity: ${(error as Error).message}`, { cause: error });
    }
  };
}
