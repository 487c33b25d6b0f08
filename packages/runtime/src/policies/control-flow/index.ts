// Control flow and early responses (spec §3.10). <base/> and include-fragment are resolved when scopes are
// composed (pipeline/scopes.ts), not here.
import type { PolicyImplementation } from '../types.ts';
import { choose } from './choose.ts';
import { mockResponse } from './mock-response.ts';
import { returnResponse } from './return-response.ts';

export const controlFlowPolicies: readonly PolicyImplementation[] = [choose, returnResponse, mockResponse];
