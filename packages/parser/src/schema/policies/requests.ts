// Calls to other services from inside the pipeline (spec §3.10 send-request; send-one-way-request from §5.1).
import type { ElementRule, PolicySchema } from '../types.ts';
import { ALL_SECTIONS, bool, int, oneOf, str, textChild } from './build.ts';

// Policies that shape the outgoing request; they are allowed here whatever their own sections are.
const REQUEST_POLICIES = [
  'set-method',
  'set-header',
  'set-body',
  'authentication-basic',
  'authentication-certificate',
  'authentication-managed-identity',
  'proxy',
] as const;

// "set-url and set-method required unless mode="copy"" (spec §3.10). set-method defaults to GET in practice
// ([INFERRED]: documented examples with mode="new" always write it, but APIM does not refuse its absence),
// so only set-url is enforced. An expression for mode leaves the value unknown: no error.
const urlUnlessCopy: ElementRule = {
  description: '<set-url> is required unless mode="copy"',
  check(present, children, literals) {
    if (children.includes('set-url')) return undefined;
    if (present.has('mode') && literals?.get('mode')?.trim().toLowerCase() !== 'new') return undefined;
    return '<set-url> is required unless mode="copy"';
  },
};

const mode = oneOf(['new', 'copy'], { default: 'new', doc: 'new = empty request; copy = copy of the current one.' });

const sendRequest: PolicySchema = {
  name: 'send-request',
  sections: ALL_SECTIONS,
  spec: '3.10',
  summary: 'Calls a URL and stores the response in a variable.',
  attributes: {
    mode,
    // Newer doc revisions: "Policy expressions aren't allowed" for the variable name.
    'response-variable-name': str({ required: true, expr: false, doc: 'Variable receiving the response.' }),
    timeout: int({ min: 1, default: 60, doc: 'Seconds.' }),
    'ignore-error': bool({ default: false, doc: 'On failure, continue with a null variable.' }),
  },
  elements: { 'set-url': textChild({ max: 1 }) },
  policies: REQUEST_POLICIES,
  text: 'none',
  rules: [urlUnlessCopy],
};

const sendOneWayRequest: PolicySchema = {
  name: 'send-one-way-request',
  sections: ALL_SECTIONS,
  summary: 'Sends a request without waiting for its response (fire and forget).',
  attributes: { mode, timeout: int({ min: 1, default: 60, doc: 'Seconds.' }) },
  elements: { 'set-url': textChild({ max: 1 }) },
  policies: REQUEST_POLICIES,
  text: 'none',
  rules: [urlUnlessCopy],
};

export const REQUEST_CALL_POLICIES: readonly PolicySchema[] = [sendRequest, sendOneWayRequest];
