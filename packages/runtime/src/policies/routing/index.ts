import type { PolicyImplementation } from '../types.ts';
import { forwardRequest } from './forward-request.ts';
import { retry } from './retry.ts';
import { sendOneWayRequest } from './send-one-way-request.ts';
import { sendRequest } from './send-request.ts';
import { setBackendService } from './set-backend-service.ts';

export const routingPolicies: readonly PolicyImplementation[] = [setBackendService, forwardRequest, retry, sendRequest, sendOneWayRequest];
