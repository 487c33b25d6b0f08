// Literal text of repeated child elements (<vary-by-header>Accept</vary-by-header>...); the schema allows no
// expressions there.
import type { PolicyNode } from '@apimx/parser';
import type { BuildContext } from '../types.ts';

export function textItems(build: BuildContext, node: PolicyNode, name: string): string[] {
  return build.elements(node, name).map((element) => {
    const text = element.children.find((child) => child.kind === 'text');
    return text && text.kind === 'text' && typeof text.value === 'string' ? text.value : '';
  });
}
