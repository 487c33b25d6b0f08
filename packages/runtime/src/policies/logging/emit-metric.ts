// emit-metric (spec §3.12, T44): one custom metric per run, with its dimensions, to services.metrics.
import { isExpression, PolicyError } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { expressionReads } from '../transformation/expression-reads.ts';
import { DEFAULT_DIMENSION_NAMES, defaultDimension } from './default-dimensions.ts';

interface Dimension {
  name: Getter<string | null>;
  value: Getter<string | null>;
}

export const emitMetric: PolicyImplementation = {
  name: 'emit-metric',
  build(node, build): Step {
    const name = String(node.attributes['name']!.value);
    const namespace = String(node.attributes['namespace']?.value ?? 'API Management');
    const value = build.number(node, 'value');
    const dimensions: Dimension[] = build.elements(node, 'dimension').map((element) => {
      const nameGetter = build.string(element, 'name');
      if (element.attributes['value']) return { name: nameGetter, value: build.string(element, 'value') };
      const written = element.attributes['name']!.value;
      if (isExpression(written)) {
        // A computed name without a value must turn out to be a default dimension at run time.
        return { name: nameGetter, value: (ctx) => defaultValue(nameGetter(ctx) ?? '', ctx) };
      }
      const fill = defaultDimension(String(written));
      if (!fill) throw new PolicyError(build.file, element.pos, noValue(String(written)));
      return { name: nameGetter, value: fill };
    });
    const reads = expressionReads(node);
    const metrics = build.services.metrics;
    return {
      readsRequestBody: reads.request,
      readsResponseBody: reads.response,
      run(ctx: RequestContext) {
        if (!metrics) return;
        const recorded: Record<string, string> = {};
        for (let i = 0; i < dimensions.length; i++) {
          const dimension = dimensions[i]!;
          const dimensionName = dimension.name(ctx);
          if (dimensionName) recorded[dimensionName] = dimension.value(ctx) ?? '';
        }
        metrics.record({ name, namespace, value: value(ctx) ?? 1, dimensions: recorded, timestamp: ctx.services.clock.now() });
      },
    };
  },
};

function defaultValue(name: string, ctx: RequestContext): string {
  const fill = defaultDimension(name);
  if (!fill) throw new TypeError(noValue(name));
  return fill(ctx);
}

function noValue(name: string): string {
  return `emit-metric dimension "${name}" has no value and is not a default dimension (${DEFAULT_DIMENSION_NAMES.join(', ')})`;
}
