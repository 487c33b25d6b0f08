// Helpers shared by the call-limit policies: a stable identity for one policy element (its file and position), so
// that per-subscription counters of different rate-limit/quota elements never share a key; literal attributes.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import type { StepResult } from '../../pipeline/step.ts';
import type { MaybePromise } from '../../stores/maybe-promise.ts';

export function instanceKey(file: string, node: PolicyNode | ChildElementNode): string {
  return `${file}:${node.pos.line}:${node.pos.column}`;
}

/** An attribute the schema declares without expressions, as written (numbers as numbers). */
export function literal(node: PolicyNode | ChildElementNode, name: string): string | null {
  const value = node.attributes[name]?.value;
  if (value === undefined || typeof value === 'object') return null;
  return String(value);
}

export function literalNumber(node: PolicyNode | ChildElementNode, name: string): number | undefined {
  const value = literal(node, name);
  return value === null ? undefined : Number(value);
}

/** A store answer as a step result: nothing when synchronous, a promise only when the store had to wait. */
export function asStep(value: MaybePromise<unknown>): StepResult {
  if (value instanceof Promise) return value.then(() => undefined);
}
