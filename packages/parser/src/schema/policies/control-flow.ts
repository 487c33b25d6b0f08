// Control flow and early responses (spec §3.10), plus the document-structure elements <base/> and
// include-fragment (spec §1.2, §1.3).
import type { ElementRule, PolicySchema } from '../types.ts';
import { ALL_SECTIONS, bool, int, oneOf, str } from './build.ts';

// <otherwise> is optional, single and last (spec §3.10 choose).
const otherwiseLast: ElementRule = {
  description: '<otherwise> comes once, after every <when>',
  check(_present, children) {
    const i = children.indexOf('otherwise');
    if (i === -1) return undefined;
    if (children.lastIndexOf('otherwise') !== i) return '<otherwise> may appear only once';
    return children.slice(i + 1).includes('when') ? '<otherwise> must come after every <when>' : undefined;
  },
};

const choose: PolicySchema = {
  name: 'choose',
  sections: ALL_SECTIONS,
  spec: '3.10',
  summary: 'Runs the policies of the first <when> whose condition is true, else <otherwise>.',
  attributes: {},
  elements: {
    when: {
      attributes: { condition: bool({ required: true, doc: 'Boolean expression or constant.' }) },
      policies: true,
      text: 'none',
      // The docs require at least one <when>, but the deployed corpus file labs/finops-framework/policy.xml holds
      // `<choose>{product-token-limits}</choose>`, a placeholder its lab replaces with <when> elements.
      min: 0,
    },
    otherwise: { attributes: {}, policies: true, text: 'none', max: 1 },
  },
  text: 'none',
  placeholderText: true,
  rules: [otherwiseLast],
};

const returnResponse: PolicySchema = {
  name: 'return-response',
  sections: ALL_SECTIONS,
  spec: '3.10',
  summary: 'Ends the pipeline and returns a response (200 OK, no body, unless children set one).',
  attributes: {
    'response-variable-name': str({ expr: false, doc: 'Variable holding a response to return (e.g. from send-request).' }),
  },
  policies: ['set-status', 'set-header', 'set-body'],
  text: 'none',
};

const mockResponse: PolicySchema = {
  name: 'mock-response',
  sections: ['inbound', 'outbound', 'on-error'],
  spec: '3.10',
  summary: "Ends the pipeline with a response built from the operation's OpenAPI example or schema (empty without one).",
  attributes: {
    'status-code': int({ default: 200, min: 100, max: 599 }),
    'content-type': str(),
  },
  text: 'none',
};

const base: PolicySchema = {
  name: 'base',
  sections: ALL_SECTIONS,
  spec: '1.2',
  summary: "Runs the parent scope's policies of the same section at this point.",
  attributes: {},
  text: 'none',
};

const includeFragment: PolicySchema = {
  name: 'include-fragment',
  sections: ALL_SECTIONS,
  spec: '1.3',
  summary: 'Inserts the policies of a named fragment at this point.',
  attributes: { 'fragment-id': str({ required: true, expr: false }) },
  text: 'none',
};

// Not in the spec; from APIM's wait-policy.md: waits for send-request, cache-lookup-value or choose children.
const wait: PolicySchema = {
  name: 'wait',
  sections: ['inbound', 'backend', 'outbound'],
  summary: 'Runs its children in parallel and waits for all or any of them.',
  attributes: { for: oneOf(['all', 'any'], { default: 'all' }) },
  policies: ['send-request', 'cache-lookup-value', 'choose'],
  text: 'none',
};

export const CONTROL_FLOW_POLICIES: readonly PolicySchema[] = [
  choose,
  returnResponse,
  mockResponse,
  base,
  includeFragment,
  wait,
];
