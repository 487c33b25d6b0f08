// Builds and validates one element of a policy (the policy itself or a child such as <value> or <when>) and,
// recursively, its content: attributes typed with schema defaults filled in, text, child elements and nested
// policies, each against the declaration that governs it.
import type {
  AttributeNode,
  BaseNode,
  ChildElementNode,
  ContentNode,
  PolicyNode,
  TextNode,
} from '../document.ts';
import type { SourcePos } from '../source.ts';
import { findPolicySchema } from '../schema/index.ts';
import type { AttributeSchema, ChildElementSchema, ElementSchema, PolicySchema, Section } from '../schema/types.ts';
import { wholePlaceholder } from '../scan/placeholder.ts';
import type { XmlElement } from '../xml/read-xml.ts';
import { typeAttribute } from './attribute-value.ts';
import { report, type BuildContext } from './context.ts';

/** Where a policy stands: the section it runs in (none inside a fragment) and what that section holds so far. */
export interface PolicyScope {
  section?: Section;
  inFragment: boolean;
  /** First position of each `oncePerSection` policy met in this section (nested ones included). */
  seen: Map<string, SourcePos>;
}

/** Text made only of `{name}` slots that a deployment script fills in before upload. */
const DEPLOYMENT_PLACEHOLDERS = /^\s*(?:\{[A-Za-z0-9._-]+\}\s*)+$/;

/** spec §1.1 item 6: every policy accepts an `id`, reported as `context.LastError.PolicyId`. */
const ID_ATTRIBUTE: AttributeSchema = { type: { kind: 'string' }, expression: false, doc: 'Policy id for LastError.PolicyId' };

export function elementPos(ctx: BuildContext, el: XmlElement): SourcePos {
  return ctx.pos(el.tag.at);
}

/** A policy element: its declaration, the section rules, then its content. */
export function buildPolicy(ctx: BuildContext, el: XmlElement, scope: PolicyScope): PolicyNode | undefined {
  const pos = elementPos(ctx, el);
  const schema = findPolicySchema(el.name);
  if (schema === undefined) {
    report(ctx, pos, `unknown policy <${el.name}>`);
    return undefined;
  }
  checkPlacement(ctx, el, schema, scope, pos);
  const { attributes, children } = buildContent(ctx, el, schema, scope, true);
  return { kind: 'policy', name: schema.name, element: el.name, pos, attributes, children, schema };
}

function checkPlacement(ctx: BuildContext, el: XmlElement, schema: PolicySchema, scope: PolicyScope, pos: SourcePos): void {
  if (scope.inFragment && schema.name === 'include-fragment') {
    report(ctx, pos, `<${el.name}> is not allowed in a fragment: fragments cannot include fragments`);
  }
  if (scope.section === undefined) return;
  if (!schema.sections.includes(scope.section)) {
    report(ctx, pos, `<${el.name}> is not allowed in <${scope.section}>; APIM allows it in ${schema.sections.join(', ')}`);
  }
  if (schema.oncePerSection) {
    const first = scope.seen.get(schema.name);
    if (first === undefined) scope.seen.set(schema.name, pos);
    else {
      report(
        ctx,
        pos,
        `<${el.name}> may appear only once per section; <${scope.section}> already has one at line ${first.line}, column ${first.column}`,
      );
    }
  }
}

function buildChildElement(
  ctx: BuildContext,
  el: XmlElement,
  schema: ChildElementSchema,
  scope: PolicyScope,
): ChildElementNode {
  const { attributes, children } = buildContent(ctx, el, schema, scope, false);
  return { kind: 'element', name: el.name, element: el.name, pos: elementPos(ctx, el), attributes, children, schema };
}

function buildContent(
  ctx: BuildContext,
  el: XmlElement,
  schema: ElementSchema,
  scope: PolicyScope,
  isPolicy: boolean,
): { attributes: Record<string, AttributeNode>; children: ContentNode[] } {
  const pos = elementPos(ctx, el);
  const attributes = buildAttributes(ctx, el, schema, isPolicy, pos);
  const children: ContentNode[] = [];
  const counts = new Map<string, { n: number; pos: SourcePos }>();
  let firstText = true;
  for (const child of el.children) {
    if (child.kind === 'text') {
      const text = buildText(ctx, el, schema, child.text, firstText);
      firstText = false;
      if (text !== undefined) children.push(text);
      continue;
    }
    firstText = false;
    const childPos = elementPos(ctx, child);
    if (child.name === 'base') {
      children.push(misplacedBase(ctx, scope, childPos));
      continue;
    }
    const childSchema = schema.elements !== undefined && Object.hasOwn(schema.elements, child.name) ? schema.elements[child.name] : undefined;
    if (childSchema !== undefined) {
      const c = counts.get(child.name);
      if (c === undefined) counts.set(child.name, { n: 1, pos: childPos });
      else {
        c.n++;
        if (childSchema.max !== undefined && c.n > childSchema.max) {
          report(ctx, childPos, `<${el.name}> allows at most ${childSchema.max} <${child.name}>`);
        }
      }
      children.push(buildChildElement(ctx, child, childSchema, scope));
      continue;
    }
    const policy = findPolicySchema(child.name);
    if (policy !== undefined && allowsPolicy(schema, policy, child.name)) {
      // Policies named by their parent (send-request's set-method, return-response's set-body) build the
      // parent's request or response: they are not placed in the section, so its rules do not apply.
      const node = buildPolicy(ctx, child, schema.policies === true ? scope : { ...scope, section: undefined });
      if (node !== undefined) children.push(node);
    } else if (policy !== undefined && schema.policies !== undefined) {
      report(ctx, childPos, `<${child.name}> is not allowed inside <${el.name}>`);
    } else {
      report(ctx, childPos, `unknown element <${child.name}> in <${el.name}>`);
    }
  }
  for (const [name, child] of Object.entries(schema.elements ?? {})) {
    const min = child.min ?? 0;
    const n = counts.get(name)?.n ?? 0;
    if (n < min) report(ctx, pos, `<${el.name}> requires ${min === 1 ? 'a' : `at least ${min}`} <${name}> element`);
  }
  for (const rule of schema.rules ?? []) {
    const names = el.children.flatMap((c) => (c.kind === 'element' ? [c.name] : []));
    const message = rule.check(new Set(el.attributes.keys()), names, literalsOf(attributes));
    if (message !== undefined) report(ctx, pos, `<${el.name}>: ${message}`);
  }
  return { attributes, children };
}

/** Attributes written as literals, with their text (for rules that depend on a value). */
function literalsOf(attributes: Record<string, AttributeNode>): Map<string, string> {
  const literals = new Map<string, string>();
  for (const a of Object.values(attributes)) {
    if (!a.defaulted && typeof a.value !== 'object') literals.set(a.name, String(a.value));
  }
  return literals;
}

function allowsPolicy(schema: ElementSchema, policy: PolicySchema, written: string): boolean {
  if (schema.policies === true) return true;
  return schema.policies?.some((p) => p === policy.name || p === written) ?? false;
}

function misplacedBase(ctx: BuildContext, scope: PolicyScope, pos: SourcePos): BaseNode {
  // [INFERRED] spec §1.2: `<base/>` stands for the parent's section, so it belongs directly in a section.
  if (scope.inFragment) report(ctx, pos, '<base/> is not allowed in a fragment');
  else report(ctx, pos, '<base/> may appear only directly inside a section');
  return { kind: 'base', pos };
}

function buildAttributes(
  ctx: BuildContext,
  el: XmlElement,
  schema: ElementSchema,
  isPolicy: boolean,
  pos: SourcePos,
): Record<string, AttributeNode> {
  // No prototype: a lookup of `constructor` or `__proto__` finds nothing rather than Object's members.
  const attributes: Record<string, AttributeNode> = Object.create(null) as Record<string, AttributeNode>;
  const scanned = new Map(el.tag.attributes.map((a) => [a.name, a]));
  for (const [name, raw] of el.attributes) {
    const at = scanned.get(name);
    const attrPos = at === undefined ? pos : ctx.pos(at.at);
    const decl = Object.hasOwn(schema.attributes, name)
      ? schema.attributes[name]
      : isPolicy && name === 'id'
        ? ID_ATTRIBUTE
        : undefined;
    if (decl === undefined) {
      report(ctx, attrPos, `unknown attribute '${name}' on <${el.name}>`);
      continue;
    }
    const start = at?.valueAt ?? 0;
    const value = typeAttribute(ctx, el.name, { name, raw, pos: attrPos, start, end: at?.valueEnd ?? start }, decl);
    if (value !== undefined) attributes[name] = { name, value, pos: attrPos, defaulted: false };
  }
  for (const [name, decl] of Object.entries(schema.attributes)) {
    if (el.attributes.has(name)) continue;
    if (decl.required) report(ctx, pos, `<${el.name}> is missing required attribute '${name}'`);
    else if (decl.default !== undefined) attributes[name] = { name, value: decl.default, pos, defaulted: true };
  }
  return attributes;
}

function buildText(
  ctx: BuildContext,
  el: XmlElement,
  schema: ElementSchema,
  raw: string,
  first: boolean,
): TextNode | undefined {
  if (raw.trim() === '') return undefined;
  const mode = schema.text ?? 'none';
  const index = wholePlaceholder(raw);
  const pos = first ? ctx.pos(firstNonSpace(ctx, el)) : elementPos(ctx, el);
  if (index !== undefined) {
    const expression = ctx.expression(index);
    if (mode === 'literal-or-expression') return { kind: 'text', value: expression, pos: expression.pos };
    report(ctx, expression.pos, mode === 'none' ? `<${el.name}> does not take text` : `<${el.name}> does not allow a policy expression as its text`);
    return undefined;
  }
  if (mode === 'none') {
    if (schema.placeholderText && DEPLOYMENT_PLACEHOLDERS.test(raw)) {
      ctx.notes.push(`${ctx.file}:${pos.line}:${pos.column}: note: <${el.name}> holds deployment placeholder text '${raw.trim()}'; ignored`);
      return undefined;
    }
    report(ctx, pos, `<${el.name}> does not take text`);
    return undefined;
  }
  return { kind: 'text', value: ctx.literal(raw), pos };
}

/** The scanned-text offset of the first non-space character of an element's content. */
function firstNonSpace(ctx: BuildContext, el: XmlElement): number {
  return ctx.firstNonSpace(el.tag.contentAt);
}
