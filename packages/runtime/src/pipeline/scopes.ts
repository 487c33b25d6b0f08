// Composing scopes (spec §1.2) and inlining fragments (spec §1.3) into one effective document.
// Done once per (product context, API, operation) at load time; the per-request path never sees <base/>.
import type { FragmentDocument, PoliciesDocument, PolicyNode, Section } from '@apimx/parser';
import { fragmentPolicyPath, includedFragment } from './included-fragment.ts';

export type ScopeName = 'global' | 'workspace' | 'product' | 'api' | 'operation';

/** A policy definition at one scope. */
export interface ScopedDocument {
  scope: ScopeName;
  document: PoliciesDocument;
}

/** A policy as it runs: its node, the scope it was written at and its nested path inside its own section. */
export interface EffectivePolicy {
  node: PolicyNode;
  scope: ScopeName;
  /** 1-based position among its section's policies in its own definition (the first step of LastError.Path). */
  path: string;
  /** The file it was written in (the fragment's file for inlined fragment policies). */
  file: string;
}

export type EffectiveSections = Readonly<Record<Section, readonly EffectivePolicy[]>>;

const SECTION_NAMES: readonly Section[] = ['inbound', 'backend', 'outbound', 'on-error'];

/**
 * `chain` runs broadest first: global, (workspace), (product), api, operation. Each section of the narrowest
 * definition is expanded; `<base/>` is replaced by the same section of the next broader definition. A scope with
 * no definition, or a definition without that section, behaves as `<section><base/></section>` (pass-through).
 */
export function composeScopes(
  chain: readonly ScopedDocument[],
  fragments: ReadonlyMap<string, FragmentDocument>,
): EffectiveSections {
  const result = {} as Record<Section, EffectivePolicy[]>;
  for (const section of SECTION_NAMES) result[section] = expand(chain, chain.length - 1, section, fragments);
  return result;
}

function expand(
  chain: readonly ScopedDocument[],
  index: number,
  section: Section,
  fragments: ReadonlyMap<string, FragmentDocument>,
): EffectivePolicy[] {
  if (index < 0) return [];
  const { scope, document } = chain[index]!;
  const sectionNode = document.sections.find((s) => s.name === section);
  if (!sectionNode) return expand(chain, index - 1, section, fragments);
  const out: EffectivePolicy[] = [];
  // At global scope <base/> has no parent and so no effect.
  sectionNode.children.forEach((child, position) => {
    if (child.kind === 'base') out.push(...expand(chain, index - 1, section, fragments));
    else out.push(...inline(child, scope, pathOf(child, position), document.file, section, fragments));
  });
  return out;
}

/** `include-fragment` is textual inclusion (spec §1.3): the fragment's policies take its place. */
function inline(
  node: PolicyNode,
  scope: ScopeName,
  path: string,
  file: string,
  section: Section,
  fragments: ReadonlyMap<string, FragmentDocument>,
): EffectivePolicy[] {
  if (node.name !== 'include-fragment') return [{ node, scope, path, file }];
  const fragment = includedFragment(node, file, section, fragments);
  return fragment.policies.map((policy, index) => ({ node: policy, scope, path: fragmentPolicyPath(path, policy, index), file: fragment.file }));
}

/** APIM numbers positions 1-based: `choose[3]` is the third element of its section. */
function pathOf(child: PolicyNode, position: number): string {
  return `${child.element}[${position + 1}]`;
}
