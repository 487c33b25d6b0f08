// choose (spec §3.10): the first <when> whose condition is true runs, and no later condition is evaluated;
// <otherwise> runs when none is. Branch policies are ordinary policies of the enclosing section.
import type { RequestContext } from '../../context/request-context.ts';
import { runSteps } from '../../pipeline/run-steps.ts';
import type { LocatedStep, Step, StepResult } from '../../pipeline/step.ts';
import type { Getter, PolicyImplementation } from '../types.ts';
import { declareReads } from '../transformation/expression-reads.ts';

interface Branch {
  condition: Getter<boolean | null>;
  steps: readonly LocatedStep[];
}

export const choose: PolicyImplementation = {
  name: 'choose',
  build(node, build): Step {
    const branches: Branch[] = [];
    let otherwise: readonly LocatedStep[] = [];
    // Paths count element siblings 1-based, as APIM's LastError.Path does: choose[1]\when[2]\set-header[1].
    let position = 0;
    for (const child of node.children) {
      if (child.kind !== 'element') continue;
      position++;
      if (child.name === 'when') {
        branches.push({ condition: build.bool(child, 'condition'), steps: build.policies(child, `when[${position}]`) });
      } else if (child.name === 'otherwise') {
        otherwise = build.policies(child, `otherwise[${position}]`);
      }
    }
    return declareReads(node, {
      run(ctx: RequestContext): StepResult {
        for (let i = 0; i < branches.length; i++) {
          const branch = branches[i]!;
          // A condition expression that yields null counts as false.
          if (branch.condition(ctx) === true) return runSteps(branch.steps, ctx);
        }
        return runSteps(otherwise, ctx);
      },
    });
  },
};
