// authentication-managed-identity (spec §3.11, T38): a token for `resource` from the configured identity
// (RuntimeServices.identity: EMULATED locally, see identity/identity.ts) becomes `Authorization: Bearer <token>` on
// the backend request, and the output variable (a string) when one is named. With ignore-error="true" a failure
// leaves the request untouched. [UNCONFIRMED] the failure's status and reason: apimx answers 500 with Reason
// "ManagedIdentityTokenFailure".
import type { RequestContext } from '../../context/request-context.ts';
import type { AccessToken } from '../../identity/identity.ts';
import { internalFault } from '../../pipeline/fault.ts';
import type { StepResult } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';

const REASON = 'ManagedIdentityTokenFailure';

export const authenticationManagedIdentityPolicy: PolicyImplementation = {
  name: 'authentication-managed-identity',
  build(node, build) {
    const { identity } = build.services;
    const resource = build.string(node, 'resource');
    const clientIdValue = node.attributes['client-id']?.value;
    const clientId = typeof clientIdValue === 'string' ? clientIdValue : undefined;
    const outputValue = node.attributes['output-token-variable-name']?.value;
    const output = typeof outputValue === 'string' ? outputValue : null;
    const ignoreError = build.bool(node, 'ignore-error');

    function apply(ctx: RequestContext, token: AccessToken): void {
      if (output) ctx.Variables.set(output, token.token, 'string');
      // In outbound (deployed corpus) there is no backend request left: only the variable matters there.
      if (ctx.section === 'inbound' || ctx.section === 'backend') ctx.Request.Headers.set('Authorization', `Bearer ${token.token}`);
    }

    function failed(ctx: RequestContext, error: unknown): void {
      if (ignoreError(ctx) === true) return;
      const message = `Unable to obtain a managed identity token for resource ${resource(ctx) ?? ''}: ${error instanceof Error ? error.message : String(error)}`;
      throw internalFault(node.element, REASON, message, ctx.requestId);
    }

    return {
      run(ctx): StepResult {
        try {
          if (!identity) throw new Error('no managed identity is configured');
          const token = identity.getToken(resource(ctx) ?? '', clientId);
          if (token instanceof Promise) return token.then((t) => apply(ctx, t), (error: unknown) => failed(ctx, error));
          apply(ctx, token);
        } catch (error) {
          failed(ctx, error);
        }
      },
    };
  },
};
