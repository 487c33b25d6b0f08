// Small builders that keep the declarations readable. Expressions default to allowed: APIM allows a policy
// expression wherever the docs do not say otherwise (spec §2.1), so only the documented "no" is written out.
import type { AttributeSchema, ChildElementSchema, ElementRule, Section } from '../types.ts';
import { SECTIONS } from '../types.ts';

export const ALL_SECTIONS: readonly Section[] = SECTIONS;

interface Common {
  required?: boolean;
  /** false where the docs say "Policy expressions aren't allowed". */
  expr?: boolean;
  doc?: string;
}

function attr(type: AttributeSchema['type'], o: Common & { default?: string | number | boolean }): AttributeSchema {
  const a: AttributeSchema = { type, expression: o.expr ?? true };
  if (o.required) a.required = true;
  if (o.default !== undefined) a.default = o.default;
  if (o.doc) a.doc = o.doc;
  return a;
}

export function str(o: Common & { default?: string } = {}): AttributeSchema {
  return attr({ kind: 'string' }, o);
}

export function int(o: Common & { default?: number; min?: number; max?: number } = {}): AttributeSchema {
  const type: { kind: 'int'; min?: number; max?: number } = { kind: 'int' };
  if (o.min !== undefined) type.min = o.min;
  if (o.max !== undefined) type.max = o.max;
  return attr(type, o);
}

export function num(o: Common & { default?: number; min?: number; max?: number } = {}): AttributeSchema {
  const type: { kind: 'number'; min?: number; max?: number } = { kind: 'number' };
  if (o.min !== undefined) type.min = o.min;
  if (o.max !== undefined) type.max = o.max;
  return attr(type, o);
}

export function bool(o: Common & { default?: boolean } = {}): AttributeSchema {
  return attr({ kind: 'bool' }, o);
}

export function oneOf(values: readonly string[], o: Common & { default?: string } = {}): AttributeSchema {
  return attr({ kind: 'enum', values }, o);
}

/** A child element that holds only text, literal or one expression (`<value>`, `<audience>`, `<set-url>`). */
export function textChild(o: { min?: number; max?: number; expr?: boolean } = {}): ChildElementSchema {
  const c: ChildElementSchema = { attributes: {}, text: o.expr === false ? 'literal' : 'literal-or-expression' };
  if (o.min !== undefined) c.min = o.min;
  if (o.max !== undefined) c.max = o.max;
  return c;
}

/** A wrapper element holding a list of one text child: `<audiences><audience>…</audience></audiences>`. */
export function listChild(item: string, o: { min?: number; max?: number; itemMin?: number } = {}): ChildElementSchema {
  const c: ChildElementSchema = { attributes: {}, elements: { [item]: textChild({ min: o.itemMin ?? 1 }) } };
  if (o.min !== undefined) c.min = o.min;
  c.max = o.max ?? 1;
  return c;
}

/** Rule: at least one of the attributes is written. */
export function anyOf(...names: string[]): ElementRule {
  const list = names.map((n) => `'${n}'`).join(' or ');
  return {
    description: `at least one of ${list}`,
    check: (present) => (names.some((n) => present.has(n)) ? undefined : `one of ${list} is required`),
  };
}

/** Rule: at most one of the attributes is written. */
export function atMostOneOf(...names: string[]): ElementRule {
  const list = names.map((n) => `'${n}'`).join(', ');
  return {
    description: `at most one of ${list}`,
    check: (present) =>
      names.filter((n) => present.has(n)).length > 1 ? `only one of ${list} may be given` : undefined,
  };
}

/** Rule: `a` may only be written together with `b`. */
export function requiresWith(a: string, b: string): ElementRule {
  return {
    description: `'${a}' requires '${b}'`,
    check: (present) => (present.has(a) && !present.has(b) ? `'${a}' requires '${b}'` : undefined),
  };
}

/** Rule: at least one child element of the given names. */
export function anyChild(...names: string[]): ElementRule {
  const list = names.map((n) => `<${n}>`).join(' or ');
  return {
    description: `at least one ${list}`,
    check: (_present, children) => (children.some((c) => names.includes(c)) ? undefined : `at least one ${list} is required`),
  };
}
