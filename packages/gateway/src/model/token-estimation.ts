// Whether a configuration's policy documents will estimate tokens: llm-token-limit estimates every streamed
// prompt (and every prompt with estimate-prompt-tokens="true"), llm-emit-token-metric counts a stream without a
// usage chunk from its deltas. The gateway then loads the tokenizers at start, not on the first such request.
import type { ContentNode, PolicyDocument } from '@apimx/parser';

/** Canonical names: the azure-openai-* spellings parse to these. */
const ESTIMATING_POLICIES: ReadonlySet<string> = new Set(['llm-token-limit', 'llm-emit-token-metric']);

export function documentsEstimateTokens(documents: Iterable<PolicyDocument>): boolean {
  for (const document of documents) {
    const nodes = document.kind === 'policies' ? document.sections.flatMap((section) => section.children) : document.policies;
    if (nodes.some(estimates)) return true;
  }
  return false;
}

function estimates(node: ContentNode): boolean {
  if (node.kind === 'policy' && ESTIMATING_POLICIES.has(node.name)) return true;
  return (node.kind === 'policy' || node.kind === 'element') && node.children.some(estimates);
}
