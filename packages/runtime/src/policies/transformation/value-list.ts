// The <value> children of set-header and set-query-parameter: each literal or one expression.
import type { PolicyNode } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { BuildContext, Getter } from '../types.ts';

export function valueGetters(node: PolicyNode, build: BuildContext): Getter<string | null>[] {
  return build.elements(node, 'value').map((value) => build.text(value));
}

/** [UNCONFIRMED] a value expression that yields null contributes an empty string, as .NET string concatenation does. */
export function evaluate(values: readonly Getter<string | null>[], ctx: RequestContext): string[] {
  const out = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i]!(ctx) ?? '';
  return out;
}
