// Transformation policies (spec §3.9) and set-variable (spec §2.4).
import type { PolicySchema } from '../types.ts';
import { ALL_SECTIONS, bool, int, oneOf, str, textChild } from './build.ts';

const existsAction = oneOf(['override', 'skip', 'append', 'delete'], { default: 'override' });

const setHeader: PolicySchema = {
  name: 'set-header',
  sections: ALL_SECTIONS,
  spec: '3.9',
  summary: 'Sets, appends, keeps or deletes a request (inbound) or response (outbound) header.',
  attributes: { name: str({ required: true }), 'exists-action': existsAction },
  elements: { value: textChild() },
  text: 'none',
};

const setQueryParameter: PolicySchema = {
  name: 'set-query-parameter',
  sections: ['inbound', 'backend'],
  spec: '3.9',
  summary: 'Sets, appends, keeps or deletes a query parameter of the backend request.',
  attributes: { name: str({ required: true }), 'exists-action': existsAction },
  elements: { value: textChild() },
  text: 'none',
};

const rewriteUri: PolicySchema = {
  name: 'rewrite-uri',
  sections: ['inbound'],
  spec: '3.9',
  summary: 'Rewrites the backend-relative URL from a template.',
  attributes: {
    template: str({ required: true, doc: 'Backend-relative URL; an expression must be the whole value.' }),
    'copy-unmatched-params': bool({ default: true, doc: 'Keep query parameters not in the operation template.' }),
  },
  text: 'none',
};

const setBody: PolicySchema = {
  name: 'set-body',
  sections: ['inbound', 'backend', 'outbound'],
  spec: '3.9',
  summary: 'Replaces the request or response body with literal text or an expression (Liquid templates: not yet).',
  attributes: {
    // The docs list only "liquid"; the corpus (labs/mcp-client-authorization, deployed) writes template="none".
    template: oneOf(['liquid', 'none'], { expr: false }),
    // Both only shape what a Liquid template sees of the body (APIM's docs); without Liquid they change nothing.
    'xsi-nil': oneOf(['blank', 'null'], { expr: false, default: 'blank', doc: 'Liquid only: how xsi:nil elements render.' }),
    'parse-date': bool({ expr: false, default: true, doc: 'Liquid only (newer revisions): parse dates in JSON.' }),
  },
  text: 'literal-or-expression',
};

const findAndReplace: PolicySchema = {
  name: 'find-and-replace',
  sections: ALL_SECTIONS,
  spec: '3.9',
  summary: 'Replaces every occurrence of a string in the request or response body.',
  attributes: { from: str({ required: true }), to: str({ required: true, doc: 'Empty removes the matches.' }) },
  text: 'none',
};

const setMethod: PolicySchema = {
  name: 'set-method',
  sections: ['inbound', 'on-error'],
  spec: '3.9',
  summary: 'Changes the HTTP method of the request (also inside send-request).',
  attributes: {},
  text: 'literal-or-expression',
};

const setStatus: PolicySchema = {
  name: 'set-status',
  sections: ALL_SECTIONS,
  spec: '3.9',
  summary: 'Sets the response status code and reason.',
  attributes: {
    code: int({ required: true, min: 100, max: 599 }),
    // The docs mark reason required, but deployed corpus files (labs/ai-agent-service/*-mock-policy.xml) omit it.
    reason: str(),
  },
  text: 'none',
};

const jsonToXml: PolicySchema = {
  name: 'json-to-xml',
  sections: ['inbound', 'outbound', 'on-error'],
  spec: '3.9',
  summary: 'Converts a JSON body to XML.',
  attributes: {
    apply: oneOf(['always', 'content-type-json'], { required: true }),
    'consider-accept-header': bool({ default: true }),
    'parse-date': bool({ expr: false, default: true }),
    'namespace-separator': str({ default: '_' }),
    'namespace-prefix': str(),
    'attribute-block-name': str(),
  },
  text: 'none',
};

const xmlToJson: PolicySchema = {
  name: 'xml-to-json',
  sections: ['inbound', 'outbound', 'on-error'],
  spec: '3.9',
  summary: 'Converts an XML body to JSON.',
  attributes: {
    kind: oneOf(['javascript-friendly', 'direct'], { required: true }),
    apply: oneOf(['always', 'content-type-xml'], { required: true }),
    'consider-accept-header': bool({ default: true }),
    'always-array-child-elements': bool({ default: false }),
  },
  text: 'none',
};

const setVariable: PolicySchema = {
  name: 'set-variable',
  sections: ALL_SECTIONS,
  spec: '2.4',
  summary: 'Stores a value (literal string or expression result) in context.Variables.',
  attributes: {
    name: str({ required: true, expr: false }),
    value: str({ required: true, doc: 'A literal is stored as a string.' }),
  },
  text: 'none',
};

// Not in the spec's §3; from jsonp-policy.md (its error reason CallbackParameterInvalid is in spec §5.1).
const jsonp: PolicySchema = {
  name: 'jsonp',
  sections: ['outbound'],
  summary: 'Wraps a JSON response in the JavaScript callback named by a query parameter (JSONP).',
  attributes: { 'callback-parameter-name': str({ required: true, doc: 'Query parameter naming the callback.' }) },
  text: 'none',
};

// Not in the spec; from redirect-content-urls-policy.md.
const redirectContentUrls: PolicySchema = {
  name: 'redirect-content-urls',
  sections: ['inbound', 'outbound'],
  summary: 'Rewrites backend URLs in the body to gateway URLs (outbound) or back (inbound).',
  attributes: {},
  text: 'none',
};

export const TRANSFORMATION_POLICIES: readonly PolicySchema[] = [
  setHeader,
  setQueryParameter,
  rewriteUri,
  setBody,
  findAndReplace,
  setMethod,
  setStatus,
  jsonToXml,
  xmlToJson,
  setVariable,
  jsonp,
  redirectContentUrls,
];
