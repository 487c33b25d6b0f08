// get-authorization-context (get-authorization-context-policy.md): the access token of a credential manager
// connection, as an `Authorization` object (AccessToken, Claims) in the context variable, for the identity that
// identity-type names. apimx EMULATES the credential manager from configuration (RuntimeServices.credentials,
// identity/credential-manager.ts). A failure answers 500 with LastError telling why, or with ignore-error="true"
// leaves the variable null. [UNCONFIRMED] the LastError reasons: see AuthorizationError.
import { AuthorizationInfo, StringValuesDictionary } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import { AuthorizationError, type ConnectionToken } from '../../identity/credential-manager.ts';
import { internalFault } from '../../pipeline/fault.ts';
import type { StepResult } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';

/** The C# type of the variable (`(Authorization)context.Variables["auth-context"]`). */
const AUTHORIZATION_TYPE = 'Authorization';

export const getAuthorizationContext: PolicyImplementation = {
  name: 'get-authorization-context',
  build(node, build) {
    const source = node.element;
    const providerId = build.string(node, 'provider-id');
    const authorizationId = build.string(node, 'authorization-id');
    const variable = build.string(node, 'context-variable-name');
    const identityType = build.string(node, 'identity-type');
    const identity = build.string(node, 'identity');
    const ignoreError = build.bool(node, 'ignore-error');

    function store(ctx: RequestContext, token: ConnectionToken): void {
      const info = new AuthorizationInfo({ AccessToken: token.accessToken, Claims: new StringValuesDictionary(token.claims, false) });
      ctx.Variables.set(variable(ctx) ?? '', info, AUTHORIZATION_TYPE);
    }

    function failed(ctx: RequestContext, error: unknown): void {
      if (ignoreError(ctx) === true) {
        ctx.Variables.set(variable(ctx) ?? '', null, AUTHORIZATION_TYPE);
        return;
      }
      const reason = error instanceof AuthorizationError ? error.reason : 'AuthorizationContextFailure';
      throw internalFault(source, reason, error instanceof Error ? error.message : String(error), ctx.requestId);
    }

    return {
      run(ctx): StepResult {
        // Attributes first, outside the try: an expression that fails is an expression failure, as anywhere.
        const type = (identityType(ctx) ?? 'managed').toLowerCase();
        const query = {
          providerId: providerId(ctx) ?? '',
          authorizationId: authorizationId(ctx) ?? '',
          identityType: type as 'managed' | 'jwt',
          identity: type === 'jwt' ? identity(ctx) : null,
        };
        try {
          const manager = ctx.services.credentials;
          if (!manager) throw new AuthorizationError('CredentialProviderNotFound', `Credential provider '${query.providerId}' was not found (no credentialProviders are configured).`);
          if (type !== 'managed' && type !== 'jwt') throw new AuthorizationError('IdentityInvalid', `identity-type '${type}' is not managed or jwt.`);
          const token = manager.getAuthorization(query);
          if (token instanceof Promise) return token.then((t) => store(ctx, t), (error: unknown) => failed(ctx, error));
          store(ctx, token);
        } catch (error) {
          failed(ctx, error);
        }
      },
    };
  },
};
