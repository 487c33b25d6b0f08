// The document's frame: a `<policies>` root with its sections, or a `<fragment>` root with its policies
// (spec §1.1, §1.3). Everything inside a policy is build-element.ts's business.
import type { BaseNode, FragmentDocument, PoliciesDocument, PolicyDocument, PolicyNode, SectionNode } from '../document.ts';
import { SECTIONS, type Section } from '../schema/types.ts';
import type { XmlElement, XmlNode } from '../xml/read-xml.ts';
import { buildPolicy, elementPos } from './build-element.ts';
import { report, type BuildContext } from './context.ts';

const isSection = (name: string): name is Section => (SECTIONS as readonly string[]).includes(name);

export function buildDocument(ctx: BuildContext, root: XmlElement): PolicyDocument | undefined {
  const pos = elementPos(ctx, root);
  if (root.name === 'policies') return buildPolicies(ctx, root);
  if (root.name === 'fragment') return buildFragment(ctx, root);
  report(ctx, pos, `unknown root element <${root.name}>: a policy document is <policies> or <fragment>`);
  return undefined;
}

function buildPolicies(ctx: BuildContext, root: XmlElement): PoliciesDocument {
  const sections: SectionNode[] = [];
  const seen = new Map<string, SectionNode>();
  for (const child of elementsOf(ctx, root)) {
    const pos = elementPos(ctx, child);
    if (!isSection(child.name)) {
      report(ctx, pos, `unknown element <${child.name}> in <policies>: sections are ${SECTIONS.map((s) => `<${s}>`).join(', ')}`);
      continue;
    }
    const first = seen.get(child.name);
    if (first !== undefined) {
      report(ctx, pos, `duplicate section <${child.name}>; the first is at line ${first.pos.line}, column ${first.pos.column}`);
      continue;
    }
    const section: SectionNode = { kind: 'section', name: child.name, pos, children: buildSectionContent(ctx, child, child.name) };
    seen.set(child.name, section);
    sections.push(section);
  }
  return { kind: 'policies', file: ctx.file, pos: elementPos(ctx, root), sections };
}

function buildSectionContent(ctx: BuildContext, el: XmlElement, section: Section): (PolicyNode | BaseNode)[] {
  const scope = { section, inFragment: false, seen: new Map() };
  const children: (PolicyNode | BaseNode)[] = [];
  for (const child of elementsOf(ctx, el)) {
    if (child.name === 'base') {
      children.push({ kind: 'base', pos: elementPos(ctx, child) });
      continue;
    }
    const policy = buildPolicy(ctx, child, scope);
    if (policy !== undefined) children.push(policy);
  }
  return children;
}

function buildFragment(ctx: BuildContext, root: XmlElement): FragmentDocument {
  const scope = { inFragment: true, seen: new Map() };
  const policies: PolicyNode[] = [];
  for (const child of elementsOf(ctx, root)) {
    const pos = elementPos(ctx, child);
    if (child.name === 'base') report(ctx, pos, '<base/> is not allowed in a fragment');
    else if (isSection(child.name)) report(ctx, pos, `section <${child.name}> is not allowed in a fragment`);
    else {
      const policy = buildPolicy(ctx, child, scope);
      if (policy !== undefined) policies.push(policy);
    }
  }
  return { kind: 'fragment', file: ctx.file, pos: elementPos(ctx, root), policies };
}

/** The element children; text other than whitespace is an error in these containers. */
function elementsOf(ctx: BuildContext, el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  let first = true;
  for (const child of el.children as XmlNode[]) {
    if (child.kind === 'element') out.push(child);
    else if (child.text.trim() !== '') {
      const at = first ? ctx.pos(ctx.firstNonSpace(el.tag.contentAt)) : elementPos(ctx, el);
      report(ctx, at, `unexpected text in <${el.name}>`);
    }
    first = false;
  }
  return out;
}
