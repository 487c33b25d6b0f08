// validate-jwt (spec §3.11, T37): reads the token (decrypting a JWE with <decryption-keys>), checks signature
// (issuer-signing-keys and openid-config keys), lifetime, audiences, issuers and required claims, and stores the Jwt
// in output-token-variable-name. A failure is failed-validation-httpcode (401) with the documented Reason (spec §5.1).
import type { PolicyImplementation } from '../types.ts';
import { jwtStep } from './jwt/jwt-step.ts';
import { openIdCache } from './jwt/openid-config.ts';
import { readSigningKeys } from './jwt/policy-keys.ts';
import { readClaimRules } from './jwt/required-claims.ts';
import { textList } from './text-list.ts';

export const validateJwtPolicy: PolicyImplementation = {
  name: 'validate-jwt',
  build(node, build) {
    const requireExpiration = build.bool(node, 'require-expiration-time');
    const requireSigned = build.bool(node, 'require-signed-tokens');
    const skew = build.number(node, 'clock-skew');
    const openIdUrls = build.elements(node, 'openid-config').map((element) => build.string(element, 'url'));
    const audiences = textList(build, node, 'audiences', 'audience');
    const issuers = textList(build, node, 'issuers', 'issuer');
    return jwtStep(node, build, {
      rules: {
        clock: build.services.clock,
        keys: readSigningKeys(build, node),
        openId: openIdCache(build.services),
        openIdUrls: (ctx) => openIdUrls.map((url) => url(ctx) ?? '').filter((url) => url !== ''),
        audiences: audiences.get,
        issuers: issuers.get,
        claims: readClaimRules(build, node),
        requireExpiration: (ctx) => requireExpiration(ctx) !== false,
        requireSigned: (ctx) => requireSigned(ctx) !== false,
        clockSkewSeconds: (ctx) => skew(ctx) ?? 0,
      },
    });
  },
};
