// @apimx/parser: policy XML in, a typed and validated document out.
export { parsePolicyDocument } from './parse-document.ts';
export type { ParseOptions, ParseResult } from './parse-document.ts';
export type {
  AttributeNode,
  AttributeValue,
  BaseNode,
  ChildElementNode,
  ContentNode,
  FragmentDocument,
  PoliciesDocument,
  PolicyDocument,
  PolicyNode,
  SectionNode,
  TextNode,
} from './document.ts';
export { isExpression } from './document.ts';
export { PolicyError } from './source.ts';
export type { ExpressionSource, SourcePos } from './source.ts';
export { findPolicySchema, ALL_POLICY_SCHEMAS } from './schema/index.ts';
export type * from './schema/types.ts';
export { toWellFormedXml } from './scan/well-formed.ts';
export * from './expressions/index.ts';
