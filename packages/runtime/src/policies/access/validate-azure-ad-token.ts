// validate-azure-ad-token: validate-jwt specialised to a Microsoft Entra tenant. Keys and issuer come from the
// tenant's v2.0 OpenID configuration at authentication-endpoint (default https://login.microsoftonline.com);
// v1 tokens (iss https://sts.windows.net/<tenant>/) are accepted too. Tokens must be signed and carry exp.
// <client-application-ids>: the token's azp (v2) or appid (v1) must be listed; <backend-application-ids> are
// further accepted audiences. [UNCONFIRMED] the Reason for a client application not listed: apimx uses
// TokenClientApplicationNotAllowed. <decryption-keys> here take only certificate-id keys, which are refused at load
// (apimx has no certificate store yet).
import type { RequestContext } from '../../context/request-context.ts';
import type { PolicyImplementation } from '../types.ts';
import { fail } from './jwt/jwt-failure.ts';
import type { DecodedJwt } from './jwt/jwt-token.ts';
import { jwtStep } from './jwt/jwt-step.ts';
import type { JwtRules } from './jwt/jwt-validator.ts';
import { openIdCache } from './jwt/openid-config.ts';
import { readClaimRules } from './jwt/required-claims.ts';
import { textList } from './text-list.ts';

const DEFAULT_ENDPOINT = 'https://login.microsoftonline.com';

export const validateAzureAdTokenPolicy: PolicyImplementation = {
  name: 'validate-azure-ad-token',
  build(node, build) {
    const tenant = build.string(node, 'tenant-id');
    const endpoint = build.string(node, 'authentication-endpoint');
    const audiences = textList(build, node, 'audiences', 'audience');
    const backendIds = textList(build, node, 'backend-application-ids', 'application-id');
    const clientIds = textList(build, node, 'client-application-ids', 'application-id');

    const tenantOf = (ctx: RequestContext) => tenantId(tenant(ctx) ?? '');
    const base = (ctx: RequestContext) => (endpoint(ctx) ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
    const rules: JwtRules = {
      clock: build.services.clock,
      keys: () => [],
      openId: openIdCache(build.services),
      openIdUrls: (ctx) => [`${base(ctx)}/${tenantOf(ctx)}/v2.0/.well-known/openid-configuration`],
      audiences: (ctx) => {
        const listed = [...audiences.get(ctx), ...backendIds.get(ctx)];
        // api://<id> and the bare id name the same application.
        return listed.flatMap((audience) => (audience.startsWith('api://') ? [audience] : [audience, `api://${audience}`]));
      },
      issuers: (ctx) => [`${base(ctx)}/${tenantOf(ctx)}/v2.0`, `https://sts.windows.net/${tenantOf(ctx)}/`],
      claims: readClaimRules(build, node),
      requireExpiration: () => true,
      requireSigned: () => true,
      clockSkewSeconds: () => 0,
    };

    function checkClient(ctx: RequestContext, token: DecodedJwt): void {
      if (!clientIds.present) return;
      const allowed = clientIds.get(ctx);
      const client = token.payload['azp'] ?? token.payload['appid'];
      if (typeof client === 'string' && allowed.includes(client)) return;
      fail('TokenClientApplicationNotAllowed', `Client application ${typeof client === 'string' ? client : '(none)'} is not allowed.`);
    }

    return jwtStep(node, build, { rules, afterValidation: checkClient });
  },
};

/** tenant-id may be a GUID, a domain, or a URL ending in the tenant. */
function tenantId(text: string): string {
  const trimmed = text.trim().replace(/\/+$/, '');
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(slash + 1) : trimmed;
}
