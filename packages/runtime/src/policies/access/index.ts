import type { PolicyImplementation } from '../types.ts';
import { authenticationBasicPolicy } from './authentication-basic.ts';
import { authenticationManagedIdentityPolicy } from './authentication-managed-identity.ts';
import { checkHeaderPolicy } from './check-header.ts';
import { corsPolicy } from './cors.ts';
import { getAuthorizationContext } from './get-authorization-context.ts';
import { ipFilterPolicy } from './ip-filter.ts';
import { validateAzureAdTokenPolicy } from './validate-azure-ad-token.ts';
import { validateJwtPolicy } from './validate-jwt.ts';

export const accessPolicies: readonly PolicyImplementation[] = [
  checkHeaderPolicy,
  ipFilterPolicy,
  corsPolicy,
  authenticationBasicPolicy,
  authenticationManagedIdentityPolicy,
  validateJwtPolicy,
  validateAzureAdTokenPolicy,
  getAuthorizationContext,
];
