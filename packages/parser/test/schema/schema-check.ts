// Test-only: checks extracted elements against the declarations (element names, attribute names and literal
// types, required attributes, child counts, rules) and lists every problem. It exercises the declarations the
// way a validator would, without depending on the real validator being written at the same time.
import { findPolicySchema } from '../../src/schema/index.ts';
import { SECTIONS } from '../../src/schema/types.ts';
import type { AttributeSchema, ChildElementSchema, ElementSchema, Section } from '../../src/schema/index.ts';
import { EXPR } from './element-extractor.ts';
import type { ExtractedElement } from './element-extractor.ts';

const NAMED_VALUE = /\{\{[^{}]+\}\}/;

export function literalProblem(schema: AttributeSchema, value: string): string | undefined {
  const t = schema.type;
  const v = value.trim();
  if (t.kind === 'int' || t.kind === 'number') {
    const ok = t.kind === 'int' ? /^[+-]?\d+$/.test(v) : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v);
    if (!ok) return `'${value}' is not ${t.kind === 'int' ? 'an integer' : 'a number'}`;
    const n = Number(v);
    if (t.min !== undefined && n < t.min) return `${n} is below ${t.min}`;
    if (t.max !== undefined && n > t.max) return `${n} is above ${t.max}`;
  } else if (t.kind === 'bool') {
    if (!/^(true|false)$/i.test(v)) return `'${value}' is not true or false`;
  } else if (t.kind === 'enum') {
    const match = t.caseSensitive ? t.values.includes(v) : t.values.some((x) => x.toLowerCase() === v.toLowerCase());
    if (!match) return `'${value}' is not one of ${t.values.join(', ')}`;
  }
  return undefined;
}

function checkElement(el: ExtractedElement, schema: ElementSchema, section: Section, path: string, out: string[]): void {
  const literals = new Map<string, string>();
  for (const [name, value] of el.attributes) {
    const a = schema.attributes[name];
    // `id` names a policy instance (LastError.PolicyId, spec §5.1) on any element.
    if (!a) {
      if (name !== 'id') out.push(`${path}: unknown attribute '${name}' (line ${el.line})`);
      continue;
    }
    if (value === EXPR) {
      if (!a.expression) out.push(`${path}@${name}: expression not allowed (line ${el.line})`);
      continue;
    }
    literals.set(name, value);
    if (NAMED_VALUE.test(value)) continue; // resolved from configuration; unknown here
    const problem = literalProblem(a, value);
    if (problem) out.push(`${path}@${name}: ${problem} (line ${el.line})`);
  }
  for (const [name, a] of Object.entries(schema.attributes)) {
    if (a.required && !el.attributes.has(name)) out.push(`${path}: missing attribute '${name}' (line ${el.line})`);
  }
  const childNames = el.children.map((c) => c.name);
  for (const [name, child] of Object.entries(schema.elements ?? {})) {
    const n = childNames.filter((c) => c === name).length;
    if (n < (child.min ?? 0)) out.push(`${path}: needs at least ${child.min} <${name}> (line ${el.line})`);
    if (child.max !== undefined && n > child.max) out.push(`${path}: at most ${child.max} <${name}> (line ${el.line})`);
  }
  for (const rule of schema.rules ?? []) {
    const message = rule.check(new Set(el.attributes.keys()), childNames, literals);
    if (message) out.push(`${path}: ${message} (line ${el.line})`);
  }
  for (const child of el.children) checkChild(child, schema, section, `${path}/${child.name}`, out);
}

function checkChild(el: ExtractedElement, parent: ElementSchema, section: Section, path: string, out: string[]): void {
  const own: ChildElementSchema | undefined = parent.elements?.[el.name];
  if (own) return checkElement(el, own, section, path, out);
  const policy = findPolicySchema(el.name);
  const allowed = parent.policies === true || (parent.policies ?? []).includes(el.name);
  if (!policy || !allowed) {
    out.push(`${path}: unknown element <${el.name}> (line ${el.line})`);
    return;
  }
  // Policies listed by name (send-request's set-method...) are allowed there whatever their own sections.
  if (parent.policies === true && !policy.sections.includes(section)) {
    out.push(`${path}: <${el.name}> is not allowed in ${section} (line ${el.line})`);
  }
  checkElement(el, policy, section, path, out);
}

function checkPolicyList(els: readonly ExtractedElement[], section: Section, path: string, out: string[]): void {
  for (const el of els) checkChild(el, { attributes: {}, policies: true }, section, `${path}/${el.name}`, out);
}

/** Every problem found in one document's root elements; empty when the declarations accept it. */
export function checkDocument(roots: readonly ExtractedElement[]): string[] {
  const out: string[] = [];
  for (const root of roots) {
    if (root.name === 'fragment') {
      // A fragment may be included in any section; check against the most permissive one per policy.
      for (const el of root.children) {
        const policy = findPolicySchema(el.name);
        checkPolicyList([el], policy?.sections[0] ?? 'inbound', 'fragment', out);
      }
    } else if (root.name === 'policies') {
      for (const s of root.children) {
        if (!(SECTIONS as readonly string[]).includes(s.name)) out.push(`policies: unknown section <${s.name}>`);
        else checkPolicyList(s.children, s.name as Section, s.name, out);
      }
    } else out.push(`unknown root <${root.name}>`);
  }
  return out;
}

/** Every element name in the document with what it resolved to, for coverage figures. */
export function elementNames(roots: readonly ExtractedElement[], into = new Set<string>()): Set<string> {
  for (const r of roots) {
    into.add(r.name);
    elementNames(r.children, into);
  }
  return into;
}
