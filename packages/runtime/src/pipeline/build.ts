// Load time: effective sections → located steps. Every attribute getter, expression and nested policy list
// is made here once; the per-request path only calls what this file returns.
import type { ChildElementNode, ContentNode, FragmentDocument, PolicyNode, Section } from '@apimx/parser';
import { PolicyError, isExpression } from '@apimx/parser';
import type { BuildContext, Getter, PolicyImplementation } from '../policies/types.ts';
import type { RuntimeServices } from '../services.ts';
import { compileValue, toDotnetBool, toDotnetNumber, toDotnetString } from './values.ts';
import { fragmentPolicyPath, includedFragment } from './included-fragment.ts';
import type { EffectivePolicy, EffectiveSections, ScopeName } from './scopes.ts';
import type { LocatedStep, Step } from './step.ts';

export type CompiledSections = Readonly<Record<Section, readonly LocatedStep[]>>;

export class PipelineBuilder {
  /**
   * A node shared by several effective documents (a global policy under every operation) is built once per place
   * it runs in: the steps nested in it carry their scope, section and path for LastError, so the same node in two
   * places (a fragment included in inbound and in outbound) is two steps.
   */
  private readonly built = new WeakMap<PolicyNode, Map<string, Step>>();

  constructor(
    private readonly implementations: ReadonlyMap<string, PolicyImplementation>,
    private readonly services: RuntimeServices,
  ) {}

  /** The fragments of the document being built: include-fragment nested in choose/retry/... is inlined too. */
  private fragments: ReadonlyMap<string, FragmentDocument> = new Map();

  buildSections(sections: EffectiveSections, fragments: ReadonlyMap<string, FragmentDocument> = new Map()): CompiledSections {
    this.fragments = fragments;
    const result = {} as Record<Section, readonly LocatedStep[]>;
    for (const section of Object.keys(sections) as Section[]) {
      result[section] = sections[section].map((policy) => this.locate(policy, section));
    }
    return result;
  }

  private locate(policy: EffectivePolicy, section: Section): LocatedStep {
    return this.buildLocated(policy.node, policy.scope, section, policy.path, policy.file);
  }

  buildLocated(node: PolicyNode, scope: ScopeName, section: Section, path: string, file: string): LocatedStep {
    const id = node.attributes['id']?.value;
    return {
      step: this.buildStep(node, scope, section, path, file),
      location: { source: node.element, scope, section, path, policyId: typeof id === 'string' ? id : null },
    };
  }

  private buildStep(node: PolicyNode, scope: ScopeName, section: Section, path: string, file: string): Step {
    let places = this.built.get(node);
    if (!places) this.built.set(node, (places = new Map()));
    const place = `${scope}\u0000${section}\u0000${path}`;
    const cached = places.get(place);
    if (cached) return cached;
    const implementation = this.implementations.get(node.name);
    if (!implementation) throw new PolicyError(file, node.pos, `policy ${node.element} is not supported yet`);
    const step = implementation.build(node, this.context(scope, section, path, file));
    places.set(place, step);
    return step;
  }

  fragment(node: PolicyNode, file: string, section: Section): FragmentDocument {
    return includedFragment(node, file, section, this.fragments);
  }

  private context(scope: ScopeName, section: Section, path: string, file: string): BuildContext {
    const builder = this;
    const getter = <T>(node: PolicyNode | ChildElementNode, name: string, convert: (value: unknown) => T): Getter<T | null> => {
      const attribute = node.attributes[name];
      if (!attribute) return () => null;
      const value = attribute.value;
      if (!isExpression(value)) {
        const constant = convert(value);
        return () => constant;
      }
      const { evaluate } = compileValue(value, file);
      return (ctx) => {
        const result = evaluate(ctx);
        return result === null || result === undefined ? null : convert(result);
      };
    };
    return {
      services: this.services,
      file,
      string: (node, name) => getter(node, name, toDotnetString),
      number: (node, name) => getter(node, name, toDotnetNumber),
      bool: (node, name) => getter(node, name, toDotnetBool),
      value(node, name) {
        const attribute = node.attributes[name];
        if (!attribute) return null;
        const value = attribute.value;
        if (!isExpression(value)) return () => value;
        return compileValue(value, file).evaluate;
      },
      expression(node, name) {
        const value = node.attributes[name]?.value;
        return value !== undefined && isExpression(value) ? compileValue(value, file) : null;
      },
      text(node) {
        const text = node.children.find((child): child is Extract<ContentNode, { kind: 'text' }> => child.kind === 'text');
        if (!text) return () => null;
        const value = text.value;
        if (!isExpression(value)) return () => value;
        const { evaluate } = compileValue(value, file);
        return (ctx) => {
          const result = evaluate(ctx);
          return result === null || result === undefined ? null : toDotnetString(result);
        };
      },
      elements(node, name) {
        return node.children.filter((child): child is ChildElementNode => child.kind === 'element' && child.name === name);
      },
      policies(node, pathSegment) {
        // Positions count every element sibling, 1-based, as at section level: `choose[3]\when[2]\set-header[1]`.
        const prefix = pathSegment ? `${path}\\${pathSegment}` : path;
        const located: LocatedStep[] = [];
        let position = 0;
        for (const child of node.children) {
          if (child.kind === 'text') continue;
          position++;
          if (child.kind !== 'policy') continue;
          const childPath = `${prefix}\\${child.element}[${position}]`;
          if (child.name === 'include-fragment') {
            // Textual inclusion (spec §1.3), wherever it stands: the fragment's policies take its place.
            const fragment = builder.fragment(child, file, section);
            fragment.policies.forEach((policy, index) => {
              located.push(builder.buildLocated(policy, scope, section, fragmentPolicyPath(childPath, policy, index), fragment.file));
            });
            continue;
          }
          located.push(builder.buildLocated(child, scope, section, childPath, file));
        }
        return located;
      },
    };
  }
}
