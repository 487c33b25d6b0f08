// Which bodies a policy's own expressions read, so that the pipeline buffers them before the step runs.
// A textual check of the C# source: a false positive only buffers a body that would have streamed.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import { isExpression } from '@apimx/parser';
import type { Step } from '../../pipeline/step.ts';

export interface BodyReads {
  request: boolean;
  response: boolean;
}

/** Looks at the node's attributes, text and non-policy child elements; nested policies declare their own reads. */
export function expressionReads(node: PolicyNode | ChildElementNode): BodyReads {
  const reads: BodyReads = { request: false, response: false };
  visit(node, reads);
  return reads;
}

function visit(node: PolicyNode | ChildElementNode, reads: BodyReads): void {
  for (const attribute of Object.values(node.attributes)) {
    if (isExpression(attribute.value)) note(attribute.value.code, reads);
  }
  for (const child of node.children) {
    if (child.kind === 'text' && isExpression(child.value)) note(child.value.code, reads);
    else if (child.kind === 'element') visit(child, reads);
  }
}

const REQUEST_BODY = /\bRequest\s*\.\s*Body\b/;
const RESPONSE_BODY = /\bResponse\s*\.\s*Body\b/;

function note(code: string, reads: BodyReads): void {
  if (REQUEST_BODY.test(code)) reads.request = true;
  if (RESPONSE_BODY.test(code)) reads.response = true;
}

/** Mark `step` as reading the bodies its own expressions read (see Step.readsRequestBody). */
export function declareReads<S extends Step>(node: PolicyNode, step: S): S {
  const reads = expressionReads(node);
  if (reads.request) step.readsRequestBody = true;
  if (reads.response) step.readsResponseBody = true;
  return step;
}
