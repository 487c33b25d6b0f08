// A wrapper of text items (<audiences><audience>, <allowed-origins><origin>...): constant when every item is a
// literal (computed once), evaluated per request when an item is an expression.
import type { ChildElementNode, PolicyNode } from '@apimx/parser';
import { isExpression } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { BuildContext } from '../types.ts';

export interface TextList {
  /** Null when the wrapper element is absent. */
  present: boolean;
  /** The items when all are literals; null when one is an expression. */
  constant: readonly string[] | null;
  get(ctx: RequestContext): readonly string[];
}

export function textList(build: BuildContext, node: PolicyNode | ChildElementNode, wrapper: string, item: string): TextList {
  const element = build.elements(node, wrapper)[0];
  if (!element) return { present: false, constant: [], get: () => [] };
  const items = build.elements(element, item);
  const literal = items.every((child) => child.children.every((content) => content.kind !== 'text' || !isExpression(content.value)));
  if (literal) {
    const constant = items.map((child) => {
      const text = child.children.find((content) => content.kind === 'text');
      return text && text.kind === 'text' ? String(text.value) : '';
    });
    return { present: true, constant, get: () => constant };
  }
  const getters = items.map((child) => build.text(child));
  return { present: true, constant: null, get: (ctx) => getters.map((getter) => getter(ctx) ?? '') };
}
