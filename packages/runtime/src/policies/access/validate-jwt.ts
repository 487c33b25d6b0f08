// validate-jwt (spec §3.11, T37): reads the token, checks signature (issuer-signing-keys and openid-config keys),
// lifetime, audiences, issuers and required claims, and stores a Jwt in output-token-variable-name. A failure is
// failed-validation-httpcode (401) with the documented Reason (spec §5.1).
import { PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { StepResult } from '../../pipeline/step.ts';
import { andThen } from '../../stores/maybe-promise.ts';
import type { PolicyImplementation } from '../types.ts';
import { fail } from './jwt/jwt-failure.ts';
import { toJwtFault } from './jwt/jwt-fault.ts';
import { Jwt } from './jwt/jwt-object.ts';
import { decodeJwt } from './jwt/jwt-token.ts';
import { validateToken, type JwtRules } from './jwt/jwt-validator.ts';
import { openIdCache } from './jwt/openid-config.ts';
import { readClaimRules } from './jwt/required-claims.ts';
import { rsaKey, symmetricKey, type SigningKey } from './jwt/signing-key.ts';
import { readTokenSource } from './jwt/token-source.ts';
import { textList } from './text-list.ts';

export const validateJwtPolicy: PolicyImplementation = {
  name: 'validate-jwt',
  build(node, build) {
    const status = build.number(node, 'failed-validation-httpcode');
    const message = build.string(node, 'failed-validation-error-message');
    const output = typeof node.attributes['output-token-variable-name']?.value === 'string' ? (node.attributes['output-token-variable-name'].value as string) : null;
    const source = readTokenSource(build, node, 'Authorization');
    const requireExpiration = build.bool(node, 'require-expiration-time');
    const requireSigned = build.bool(node, 'require-signed-tokens');
    const skew = build.number(node, 'clock-skew');
    const keys = readKeys();
    const openIdUrls = build.elements(node, 'openid-config').map((element) => build.string(element, 'url'));
    const audiences = textList(build, node, 'audiences', 'audience');
    const issuers = textList(build, node, 'issuers', 'issuer');
    const rules: JwtRules = {
      clock: build.services.clock,
      keys,
      openId: openIdCache(build.services),
      openIdUrls: (ctx) => openIdUrls.map((url) => url(ctx) ?? '').filter((url) => url !== ''),
      audiences: audiences.get,
      issuers: issuers.get,
      claims: readClaimRules(build, node),
      requireExpiration: (ctx) => requireExpiration(ctx) !== false,
      requireSigned: (ctx) => requireSigned(ctx) !== false,
      clockSkewSeconds: (ctx) => skew(ctx) ?? 0,
    };

    function readKeys(): (ctx: RequestContext) => readonly SigningKey[] {
      const wrapper = build.elements(node, 'issuer-signing-keys')[0];
      if (!wrapper) return () => [];
      const getters = build.elements(wrapper, 'key').map((key) => {
        const id = typeof key.attributes['id']?.value === 'string' ? (key.attributes['id'].value as string) : null;
        if (key.attributes['certificate-id']) throw new PolicyError(build.file, key.pos, 'validate-jwt: certificate-id keys need a certificate store, which apimx does not have yet; use n and e, or a Base64 key');
        if (key.attributes['n'] || key.attributes['e']) {
          const n = String(key.attributes['n']?.value ?? '');
          const e = String(key.attributes['e']?.value ?? '');
          try {
            const rsa = rsaKey(n, e, id);
            return () => rsa;
          } catch (error) {
            throw new PolicyError(build.file, key.pos, `validate-jwt: the RSA key (n, e) is not valid: ${(error as Error).message}`);
          }
        }
        const text = build.text(key);
        let last: { text: string; key: SigningKey } | null = null;
        return (ctx: RequestContext): SigningKey => {
          const value = text(ctx) ?? '';
          if (last?.text !== value) last = { text: value, key: symmetricKey(value, id) };
          return last.key;
        };
      });
      return (ctx) => getters.map((getter) => getter(ctx));
    }

    return {
      run(ctx): StepResult {
        const located = (error: unknown) => toJwtFault(node.element, error, ctx, status, message);
        try {
          const raw = source(ctx);
          if (!raw) fail('TokenNotPresent', 'JWT not present.');
          const token = decodeJwt(raw);
          const validated = andThen(validateToken(ctx, rules, token), () => {
            if (output) ctx.Variables.set(output, new Jwt(token), 'Jwt');
          });
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
  },
};
