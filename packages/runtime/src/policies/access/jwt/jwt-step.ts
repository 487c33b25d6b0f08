// The run of validate-jwt and validate-azure-ad-token: read the token, decrypt it when it is a JWE, validate it,
// then store it in output-token-variable-name as the expression library's Jwt (the type `(Jwt)context.Variables[..]`
// and `GetValueOrDefault<Jwt>` expect, and the one AsJwt() returns). Any JwtFailure becomes the policy's fault.
import { jwtOf, type PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../../context/request-context.ts';
import type { Step, StepResult } from '../../../pipeline/step.ts';
import { andThen } from '../../../stores/maybe-promise.ts';
import type { BuildContext, Getter } from '../../types.ts';
import { fail } from './jwt-failure.ts';
import { toJwtFault } from './jwt-fault.ts';
import { readToken, type DecodedJwt } from './jwt-token.ts';
import { validateToken, type JwtRules } from './jwt-validator.ts';
import { readDecryptionKeys } from './policy-keys.ts';
import { readTokenSource } from './token-source.ts';

export interface JwtPolicy {
  rules: JwtRules;
  /** Checks of one policy beyond the common ones (validate-azure-ad-token's client applications). */
  afterValidation?: (ctx: RequestContext, token: DecodedJwt) => void;
}

export function jwtStep(node: PolicyNode, build: BuildContext, policy: JwtPolicy): Step {
  const status: Getter<number | null> = build.number(node, 'failed-validation-httpcode');
  const message: Getter<string | null> = build.string(node, 'failed-validation-error-message');
  const outputAttribute = node.attributes['output-token-variable-name']?.value;
  const output = typeof outputAttribute === 'string' ? outputAttribute : null;
  const source = readTokenSource(build, node, 'Authorization');
  const decryptionKeys = readDecryptionKeys(build, node);
  const { rules, afterValidation } = policy;

  const accept = (ctx: RequestContext, token: DecodedJwt): void => {
    afterValidation?.(ctx, token);
    if (output) ctx.Variables.set(output, jwtOf(token.header, token.payload), 'Jwt');
  };

  return {
    run(ctx): StepResult {
      const located = (error: unknown) => toJwtFault(node.element, error, ctx, status, message);
      try {
        const raw = source(ctx);
        if (!raw) fail('TokenNotPresent', 'JWT not present.');
        const token = readToken(raw, decryptionKeys?.(ctx) ?? null);
        const validated = andThen(validateToken(ctx, rules, token), () => accept(ctx, token));
        if (validated instanceof Promise) {
          return validated.catch((error: unknown) => {
            throw located(error);
          });
        }
      } catch (error) {
        throw located(error);
      }
    },
  };
}
