// include-fragment at load time (spec §1.3): the fragment it names, checked against the section it is included in.
// A fragment may be included in any section "as long as every policy inside it is allowed there"; the parser
// cannot check that (a fragment has no section of its own), so it is checked here, for each inclusion, with the
// offending policy's position in the fragment file and where it was included.
import type { ContentNode, FragmentDocument, PolicyNode, Section } from '@apimx/parser';
import { PolicyError } from '@apimx/parser';

export function includedFragment(
  include: PolicyNode,
  file: string,
  section: Section,
  fragments: ReadonlyMap<string, FragmentDocument>,
): FragmentDocument {
  const id = include.attributes['fragment-id']?.value;
  const fragment = typeof id === 'string' ? fragments.get(id) : undefined;
  if (!fragment) throw new PolicyError(file, include.pos, `fragment "${String(id)}" is not defined`);
  const where = `fragment "${String(id)}" is included in <${section}> at ${file}:${include.pos.line}:${include.pos.column}`;
  for (const policy of fragment.policies) checkPlacement(policy, section, fragment.file, where);
  return fragment;
}

/** The policy, and the policies nested in it that run in the same section (choose/when, retry...), are allowed there. */
function checkPlacement(policy: PolicyNode, section: Section, file: string, where: string): void {
  const { schema } = policy;
  if (!schema.sections.includes(section)) {
    throw new PolicyError(file, policy.pos, `<${policy.element}> is not allowed in <${section}>; APIM allows it in ${schema.sections.join(', ')} (${where})`);
  }
  checkChildren(policy.children, schema.policies === true, section, file, where);
}

function checkChildren(children: readonly ContentNode[], inSection: boolean, section: Section, file: string, where: string): void {
  for (const child of children) {
    // Policies a parent names for itself (return-response's set-body, send-request's set-header) shape the
    // parent's own request or response: the section's rules do not apply to them (as in the parser).
    if (child.kind === 'policy' && inSection) checkPlacement(child, section, file, where);
    else if (child.kind === 'element') checkChildren(child.children, child.schema.policies === true, section, file, where);
  }
}

/**
 * Where a fragment's policy stands for LastError.Path: under the include-fragment that inlined it, at its own
 * 1-based position in the fragment (`include-fragment[2]\\choose[1]`), so that faults nested in it keep every segment.
 */
export function fragmentPolicyPath(includePath: string, policy: PolicyNode, index: number): string {
  return `${includePath}\\${policy.element}[${index + 1}]`;
}
