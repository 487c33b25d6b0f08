// set-variable (spec §2.4): a literal value is stored as a string; an expression's value keeps its C# type.
import { isExpression } from '@apimx/parser';
import type { RequestContext } from '../../context/request-context.ts';
import type { Step } from '../../pipeline/step.ts';
import type { PolicyImplementation } from '../types.ts';
import { csharpTypeOf } from './csharp-type.ts';
import { expressionReads } from './expression-reads.ts';

export const setVariable: PolicyImplementation = {
  name: 'set-variable',
  build(node, build): Step {
    const name = String(node.attributes['name']!.value);
    const attribute = node.attributes['value']!;
    if (!isExpression(attribute.value)) {
      const literal = String(attribute.value);
      return { run: (ctx: RequestContext) => ctx.Variables.set(name, literal, 'string') };
    }
    const { evaluate: value, resultType } = build.expression(node, 'value')!;
    // 'dynamic' means unknown until run time: the value then names its type.
    const known = resultType === 'dynamic' || resultType === 'object' ? null : resultType;
    const reads = expressionReads(node);
    return {
      readsRequestBody: reads.request,
      readsResponseBody: reads.response,
      run(ctx: RequestContext) {
        const result = value(ctx);
        ctx.Variables.set(name, result, known ?? csharpTypeOf(result));
      },
    };
  },
};
