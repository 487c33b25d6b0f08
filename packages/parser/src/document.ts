// The typed policy document: what the parser hands to the runtime (which walks it) and to the expression
// compiler (which compiles every ExpressionSource in it). Every node carries its position in the original file.
import type { ExpressionSource, SourcePos } from './source.ts';
import type { ChildElementSchema, PolicySchema, Section } from './schema/types.ts';

/** A typed attribute value, or the expression that computes it at run time. */
export type AttributeValue = string | number | boolean | ExpressionSource;

export interface AttributeNode {
  name: string;
  /** int/number → number, bool → boolean, enum → the declared spelling, string → string. */
  value: AttributeValue;
  /** Where the attribute name stands; for a filled-in default, the element's position. */
  pos: SourcePos;
  /** True when the attribute was absent and the schema's default was filled in. */
  defaulted: boolean;
}

/** Element text: literal (entities decoded, named values substituted) or one expression. */
export interface TextNode {
  kind: 'text';
  value: string | ExpressionSource;
  pos: SourcePos;
}

/** `<base/>`: where the parent scope's section runs (spec §1.2). */
export interface BaseNode {
  kind: 'base';
  pos: SourcePos;
}

interface ElementNodeBase {
  /** The element name as written. */
  element: string;
  pos: SourcePos;
  /** By attribute name; schema defaults included (marked `defaulted`). */
  attributes: Readonly<Record<string, AttributeNode>>;
  /** Child elements, nested policies and text, in document order (whitespace-only text dropped). */
  children: readonly ContentNode[];
}

/** A policy element (`<retry>`, `<azure-openai-token-limit>`...). */
export interface PolicyNode extends ElementNodeBase {
  kind: 'policy';
  /** The canonical schema name (`llm-token-limit` for `azure-openai-token-limit`). */
  name: string;
  schema: PolicySchema;
}

/** A child element that is not a policy (`<value>`, `<when>`, `<dimension>`, `<set-url>`...). */
export interface ChildElementNode extends ElementNodeBase {
  kind: 'element';
  /** Same as `element`. */
  name: string;
  schema: ChildElementSchema;
}

export type ContentNode = PolicyNode | ChildElementNode | BaseNode | TextNode;

/** One of `<inbound>`, `<backend>`, `<outbound>`, `<on-error>`. */
export interface SectionNode {
  kind: 'section';
  name: Section;
  pos: SourcePos;
  /** Policies and `<base/>` in order. */
  children: readonly (PolicyNode | BaseNode)[];
}

/** A `<policies>` document: its sections in written order. */
export interface PoliciesDocument {
  kind: 'policies';
  file: string;
  pos: SourcePos;
  sections: readonly SectionNode[];
}

/** A `<fragment>` document (spec §1.3): its policies in order. */
export interface FragmentDocument {
  kind: 'fragment';
  file: string;
  pos: SourcePos;
  policies: readonly PolicyNode[];
}

export type PolicyDocument = PoliciesDocument | FragmentDocument;

/** Whether an attribute value is an expression to evaluate at run time rather than a literal. */
export function isExpression(value: AttributeValue | string | ExpressionSource): value is ExpressionSource {
  return typeof value === 'object';
}
