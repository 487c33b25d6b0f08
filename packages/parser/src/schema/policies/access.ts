// Access restriction, authentication and CORS (spec §3.11).
import type { ChildElementSchema, PolicySchema } from '../types.ts';
import { anyChild, anyOf, atMostOneOf, bool, int, listChild, oneOf, requiresWith, str, textChild } from './build.ts';

const checkHeader: PolicySchema = {
  name: 'check-header',
  sections: ['inbound'],
  spec: '3.11',
  summary: 'Refuses the request unless a header is present (and has one of the listed values).',
  attributes: {
    name: str({ required: true }),
    'failed-check-httpcode': int({ required: true, min: 100, max: 599 }),
    'failed-check-error-message': str({ required: true }),
    'ignore-case': bool({ required: true }),
  },
  elements: { value: textChild() },
  text: 'none',
};

const ipFilter: PolicySchema = {
  name: 'ip-filter',
  sections: ['inbound'],
  spec: '3.11',
  summary: 'Allows or forbids callers by IP address or range.',
  attributes: { action: oneOf(['allow', 'forbid'], { required: true }) },
  elements: {
    address: textChild(),
    'address-range': { attributes: { from: str({ required: true }), to: str({ required: true }) }, text: 'none' },
  },
  text: 'none',
  rules: [anyChild('address', 'address-range')],
};

// Wrapper lists of cors; each may appear once. Only allowed-origins is required: the spec calls allowed-headers
// required too, but deployed corpus files (labs/mcp-a2a-agents) have cors with allowed-origins alone.
const cors: PolicySchema = {
  name: 'cors',
  sections: ['inbound'],
  oncePerSection: true,
  spec: '3.11',
  summary: 'Answers CORS preflight requests and adds CORS headers for allowed origins.',
  attributes: {
    'allow-credentials': bool({ default: false }),
    'terminate-unmatched-request': bool({ default: false }),
  },
  elements: {
    'allowed-origins': { ...listChild('origin'), min: 1 },
    'allowed-methods': {
      ...listChild('method'),
      attributes: { 'preflight-result-max-age': int({ min: 0, default: 0, doc: 'Access-Control-Max-Age seconds.' }) },
    },
    'allowed-headers': listChild('header'),
    'expose-headers': listChild('header'),
  },
  text: 'none',
};

const key: ChildElementSchema = {
  attributes: {
    id: str({ doc: "Matched against the token's 'kid'." }),
    'certificate-id': str(),
    // The docs: "Policy expressions aren't allowed" for n and e.
    n: str({ expr: false, doc: 'RSA modulus (Base64Url).' }),
    e: str({ expr: false, doc: 'RSA exponent (Base64Url).' }),
  },
  text: 'literal-or-expression',
};

const claim: ChildElementSchema = {
  attributes: {
    name: str({ required: true }),
    match: oneOf(['all', 'any'], { default: 'all' }),
    separator: str(),
  },
  elements: { value: textChild() },
  text: 'none',
};

const tokenSource = {
  'header-name': str({ doc: 'Header holding the token.' }),
  'query-parameter-name': str({ doc: 'Query parameter holding the token.' }),
  'token-value': str({ doc: 'The token itself (without "Bearer ").' }),
};

const failure = {
  'failed-validation-httpcode': int({ default: 401, min: 100, max: 599 }),
  'failed-validation-error-message': str({ doc: 'Default depends on the failure, e.g. "JWT not present."' }),
  'output-token-variable-name': str({ expr: false, doc: 'Variable receiving the parsed Jwt.' }),
};

const validateJwt: PolicySchema = {
  name: 'validate-jwt',
  sections: ['inbound'],
  spec: '3.11',
  summary: 'Validates a JWT (signature, expiry, audiences, issuers, claims); 401 by default.',
  attributes: {
    ...tokenSource,
    ...failure,
    'require-expiration-time': bool({ default: true }),
    'require-scheme': str({ doc: 'Expected scheme, e.g. Bearer (ignored with a custom header).' }),
    'require-signed-tokens': bool({ default: true }),
    'clock-skew': int({ min: 0, default: 0, doc: 'Seconds.' }),
  },
  elements: {
    'openid-config': { attributes: { url: str({ required: true }) }, text: 'none' },
    'issuer-signing-keys': { attributes: {}, elements: { key }, text: 'none', max: 1 },
    'decryption-keys': { attributes: {}, elements: { key }, text: 'none', max: 1 },
    audiences: listChild('audience'),
    issuers: listChild('issuer'),
    'required-claims': { attributes: {}, elements: { claim }, text: 'none', max: 1 },
  },
  text: 'none',
  rules: [anyOf('header-name', 'query-parameter-name', 'token-value'), atMostOneOf('header-name', 'query-parameter-name', 'token-value')],
};

// Not in the spec; from APIM's validate-azure-ad-token-policy.md and the corpus (5 files). The docs list
// client-application-ids as required, but deployed corpus files (labs/ghcp-byok-foundry) have audiences only.
const validateAzureAdToken: PolicySchema = {
  name: 'validate-azure-ad-token',
  sections: ['inbound'],
  summary: 'Validates a Microsoft Entra ID token for a tenant (audiences, client apps, claims).',
  attributes: {
    'tenant-id': str({ required: true, doc: 'Tenant id or URL.' }),
    'authentication-endpoint': str({ doc: 'Entra endpoint of a sovereign cloud (docs.azure.cn revision).' }),
    ...tokenSource,
    ...failure,
  },
  elements: {
    'client-application-ids': listChild('application-id'),
    'backend-application-ids': listChild('application-id'),
    audiences: listChild('audience'),
    'required-claims': { attributes: {}, elements: { claim }, text: 'none', max: 1 },
    'decryption-keys': {
      attributes: {},
      elements: { key: { attributes: { 'certificate-id': str({ required: true }) }, text: 'none' } },
      text: 'none',
      max: 1,
    },
  },
  text: 'none',
  rules: [atMostOneOf('header-name', 'query-parameter-name', 'token-value')],
};

// §1.5 lists inbound only; the deployed corpus (labs/mcp-client-authorization/.../token.policy.xml) uses it in
// outbound to get a token into a variable for a later send-request.
const authenticationManagedIdentity: PolicySchema = {
  name: 'authentication-managed-identity',
  sections: ['inbound', 'outbound'],
  spec: '3.11',
  summary: 'Gets a Microsoft Entra token for a resource and sets Authorization: Bearer on the backend request.',
  attributes: {
    resource: str({ required: true, doc: 'e.g. https://cognitiveservices.azure.com' }),
    'client-id': str({ expr: false, doc: 'User-assigned identity; default system-assigned.' }),
    'output-token-variable-name': str({ expr: false, doc: 'Variable receiving the token string.' }),
    'ignore-error': bool({ default: false }),
  },
  text: 'none',
};

// Not in the spec; from authentication-basic-policy.md (allowed inside send-request too).
const authenticationBasic: PolicySchema = {
  name: 'authentication-basic',
  sections: ['inbound'],
  summary: 'Sets an HTTP Basic Authorization header on the backend request.',
  attributes: { username: str({ required: true }), password: str({ required: true }) },
  text: 'none',
};

// Not in the spec; from authentication-certificate-policy.md (spec §3.10 shows it inside send-request).
const authenticationCertificate: PolicySchema = {
  name: 'authentication-certificate',
  sections: ['inbound'],
  summary: 'Presents a client certificate to the backend.',
  attributes: {
    thumbprint: str(),
    'certificate-id': str(),
    body: str({ doc: 'Certificate bytes (Base64).' }),
    password: str(),
  },
  text: 'none',
  rules: [
    anyOf('thumbprint', 'certificate-id', 'body'),
    atMostOneOf('thumbprint', 'certificate-id', 'body'),
    requiresWith('password', 'body'),
  ],
};

// Not in the spec; from get-authorization-context-policy.md and the corpus (3 files: credential manager).
const getAuthorizationContext: PolicySchema = {
  name: 'get-authorization-context',
  sections: ['inbound'],
  summary: 'Reads a credential-manager connection (access token) into a variable.',
  attributes: {
    'provider-id': str({ required: true }),
    'authorization-id': str({ required: true }),
    'context-variable-name': str({ required: true, expr: false }),
    'identity-type': oneOf(['managed', 'jwt'], { default: 'managed' }),
    identity: str(),
    'ignore-error': bool({ default: false }),
  },
  text: 'none',
};

export const ACCESS_POLICIES: readonly PolicySchema[] = [
  checkHeader,
  ipFilter,
  cors,
  validateJwt,
  validateAzureAdToken,
  authenticationManagedIdentity,
  authenticationBasic,
  authenticationCertificate,
  getAuthorizationContext,
];
