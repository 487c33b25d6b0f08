// Routing to the backend (spec §3.5–3.7): which backend, how it is called, and retrying the call.
import type { PolicySchema } from '../types.ts';
import { ALL_SECTIONS, anyOf, atMostOneOf, bool, int, oneOf, str } from './build.ts';

const setBackendService: PolicySchema = {
  name: 'set-backend-service',
  sections: ['inbound', 'backend'],
  spec: '3.5',
  summary: 'Sends the request to another base URL or backend entity (single or pool).',
  attributes: {
    'base-url': str({ doc: 'New backend base URL.' }),
    'backend-id': str({ doc: 'Backend entity name (single backend or pool).' }),
    'sf-resolve-condition': str({ doc: 'Service Fabric only.' }),
    'sf-service-instance-name': str({ doc: 'Service Fabric only.' }),
    'sf-partition-key': str({ doc: 'Service Fabric only.' }),
    'sf-listener-name': str({ doc: 'Service Fabric only.' }),
    'sf-replica-type': str({ doc: 'Service Fabric only (appears in the docs example).' }),
    'dapr-app-id': str({ doc: 'Dapr (self-hosted gateway) only.' }),
    'dapr-method': str({ doc: 'Dapr only.' }),
    'dapr-namespace': str({ doc: 'Dapr only.' }),
  },
  text: 'none',
  rules: [anyOf('base-url', 'backend-id'), atMostOneOf('base-url', 'backend-id')],
};

const forwardRequest: PolicySchema = {
  name: 'forward-request',
  sections: ['backend'],
  spec: '3.6',
  summary: 'Forwards the request to the backend and waits for its response.',
  attributes: {
    timeout: int({ min: 0, default: 300, doc: 'Seconds to wait for the response headers.' }),
    'timeout-ms': int({ min: 0, doc: 'The same in milliseconds.' }),
    'continue-timeout': int({ min: 0, doc: "Seconds to wait for '100 Continue'." }),
    'http-version': oneOf(['1', '2or1', '2'], { expr: false, default: '1' }),
    'follow-redirects': bool({ default: false }),
    'buffer-request-body': bool({ expr: false, default: false, doc: 'Buffer the body so retry can resend it.' }),
    'buffer-response': bool({ expr: false, default: true, doc: 'false streams each chunk (SSE).' }),
    'fail-on-error-status-code': bool({ expr: false, default: false, doc: 'Backend 400-599 goes to on-error.' }),
  },
  text: 'none',
  rules: [atMostOneOf('timeout', 'timeout-ms')],
};

const retry: PolicySchema = {
  name: 'retry',
  sections: ALL_SECTIONS,
  spec: '3.7',
  summary: 'Runs its child policies again while the condition holds, with fixed/linear/exponential waits.',
  attributes: {
    condition: bool({ required: true, doc: 'Re-evaluated after each run; true retries again.' }),
    count: int({ required: true, min: 1, max: 50, doc: 'Retries after the first run.' }),
    interval: int({ required: true, min: 0, doc: 'Seconds between attempts.' }),
    'max-interval': int({ min: 0, doc: 'Cap for exponential backoff (seconds).' }),
    delta: int({ min: 0, doc: 'Backoff increment (seconds).' }),
    'first-fast-retry': bool({ default: false, doc: 'First retry without waiting.' }),
  },
  policies: true,
  text: 'none',
};

// Routes send-request through an HTTP proxy; appears as a policy and inside send-request (APIM docs, proxy-policy.md).
const proxy: PolicySchema = {
  name: 'proxy',
  sections: ['inbound'],
  summary: 'Routes the forwarded request (or a send-request) through an HTTP proxy.',
  attributes: {
    url: str({ required: true }),
    username: str(),
    password: str(),
  },
  text: 'none',
};

export const ROUTING_POLICIES: readonly PolicySchema[] = [setBackendService, forwardRequest, retry, proxy];
