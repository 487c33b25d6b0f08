// The shape of a policy declaration. Every supported policy is declared once (see ./policies/), and the same
// declaration drives validation, the runtime's typed view of the policy and the README's support table.

export type Section = 'inbound' | 'backend' | 'outbound' | 'on-error';
export const SECTIONS: readonly Section[] = ['inbound', 'backend', 'outbound', 'on-error'];

export type AttributeType =
  | { kind: 'string' }
  /** A whole number; APIM refuses anything else (e.g. `count="{retry-count}"`). */
  | { kind: 'int'; min?: number; max?: number }
  /** A number that may have a fraction (e.g. emit-metric's `value`); `min`/`max` where documented (score-threshold 0..1). */
  | { kind: 'number'; min?: number; max?: number }
  | { kind: 'bool' }
  /** One of a fixed set of words; APIM compares them case-insensitively unless `caseSensitive`. */
  | { kind: 'enum'; values: readonly string[]; caseSensitive?: boolean };

export interface AttributeSchema {
  type: AttributeType;
  required?: boolean;
  default?: string | number | boolean;
  /** Whether a policy expression may stand for the value (spec §3 "Expr" column). */
  expression: boolean;
  /** One line for the support table and error messages. */
  doc?: string;
}

/** What an element may hold as text. */
export type TextContent =
  | 'none'
  /** Literal text only. */
  | 'literal'
  /** Literal text or one policy expression. */
  | 'literal-or-expression';

export interface ElementSchema {
  attributes: Readonly<Record<string, AttributeSchema>>;
  /** Child elements that are not policies (`<value>`, `<when>`, `<dimension>`, `<set-url>`...). */
  elements?: Readonly<Record<string, ChildElementSchema>>;
  /**
   * Policies that may stand among the children: `true` for any policy (choose/when, retry), or the names of
   * the only policies allowed (return-response: set-status, set-header, set-body).
   */
  policies?: true | readonly string[];
  text?: TextContent;
  /**
   * Text made only of deployment placeholders such as `{product-token-limits}` is accepted even where `text` is
   * 'none': the labs substitute policy elements there before upload (corpus labs/finops-framework).
   */
  placeholderText?: boolean;
  /**
   * Rules that one attribute table cannot say, checked after the attributes: e.g. "tokens-per-minute or
   * token-quota with token-quota-period". Each returns an error message, or undefined when satisfied.
   */
  rules?: readonly ElementRule[];
}

export interface ElementRule {
  description: string;
  /**
   * `present` holds the names of the attributes written on the element. `literals` (optional for callers) maps each
   * attribute written as a literal (not an expression) to its text, for rules that depend on a value (send-request's
   * `set-url` is required unless `mode="copy"`). Rules treat a missing `literals` as "value unknown" and pass.
   */
  check(
    present: ReadonlySet<string>,
    childNames: readonly string[],
    literals?: ReadonlyMap<string, string>,
  ): string | undefined;
}

export interface ChildElementSchema extends ElementSchema {
  /** How many times the child may appear (defaults: min 0, max unbounded). */
  min?: number;
  max?: number;
}

export interface PolicySchema extends ElementSchema {
  /** The canonical name (`llm-token-limit`). */
  name: string;
  /** Other element names for the same engine (`azure-openai-token-limit`). */
  aliases?: readonly string[];
  /** Sections APIM allows the policy in (spec §1.5). */
  sections: readonly Section[];
  /** Whether APIM allows it only once per section. */
  oncePerSection?: boolean;
  /** The spec section that documents it, e.g. "3.1". */
  spec?: string;
  summary: string;
}
