// What a policy implementation is: a function from its parsed node to a Step, built once at load time.
// Implementations live one per file under ./<family>/, and ./index.ts lists them.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../context/request-context.ts';
import type { LocatedStep, Step } from '../pipeline/step.ts';
import type { CompiledValue } from '../pipeline/values.ts';
import type { RuntimeServices } from '../services.ts';

/** A value computed per request: a constant for literals, an evaluation for expressions. */
export type Getter<T> = (ctx: RequestContext) => T;

export interface PolicyImplementation {
  /** The schema's canonical name (`llm-token-limit` serves `azure-openai-token-limit` too). */
  name: string;
  build(node: PolicyNode, build: BuildContext): Step;
}

/** What an implementation may use while it builds its step. */
export interface BuildContext {
  readonly services: RuntimeServices;
  /** The file the node comes from, for load-time errors. */
  readonly file: string;
  /** An attribute as a string (.NET ToString of an expression's value); null when absent with no default. */
  string(node: PolicyNode | ChildElementNode, name: string): Getter<string | null>;
  /** An attribute as a number (int or number schema types); null when absent. */
  number(node: PolicyNode | ChildElementNode, name: string): Getter<number | null>;
  /** An attribute as a boolean; null when absent. */
  bool(node: PolicyNode | ChildElementNode, name: string): Getter<boolean | null>;
  /** An attribute's value untouched: the literal, or the expression's C# value. */
  value(node: PolicyNode | ChildElementNode, name: string): Getter<unknown> | null;
  /** The attribute's compiled expression with its static C# type (set-variable stores it); null for literals. */
  expression(node: PolicyNode | ChildElementNode, name: string): CompiledValue | null;
  /** The element's text as a string; null when the element has none. */
  text(node: PolicyNode | ChildElementNode): Getter<string | null>;
  /** Child elements that are not policies, by name, in order. */
  elements(node: PolicyNode | ChildElementNode, name: string): ChildElementNode[];
  /** The policies nested in `node` (retry, when, otherwise, limit-concurrency...), compiled and located. */
  policies(node: PolicyNode | ChildElementNode, pathSegment: string): readonly LocatedStep[];
}
