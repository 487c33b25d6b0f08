// The policy runs of one request, recorded for its trace when the host asks (context.policyRuns): each run's
// entry in order, how long it took, how it ended, and the variables set while it was open (a nested run's
// variables count for the runs enclosing it too). One listener per request, no closure per run.
import type { VariableDictionary } from '@apimx/parser';
import { PolicyFault } from './fault.ts';
import { EndOfFlow } from './signals.ts';
import type { PolicyRun, StepLocation } from './step.ts';

export class PolicyRunLog {
  readonly runs: PolicyRun[] = [];
  /** The runs started and not yet ended, innermost last; `started` holds their start times. */
  private readonly open: PolicyRun[] = [];
  private readonly started: number[] = [];

  constructor(variables: VariableDictionary) {
    variables.onSet = (name) => {
      for (const run of this.open) run.variablesSet.push(name);
    };
  }

  start(location: StepLocation): PolicyRun {
    const { source, section, path, policyId } = location;
    const run: PolicyRun = { section, policy: source, path, policyId, durationMs: 0, outcome: 'ok', variablesSet: [] };
    this.runs.push(run);
    this.open.push(run);
    this.started.push(performance.now());
    return run;
  }

  /** `run` is over, however it ended. Runs end innermost first, so it is the last open one. */
  end(run: PolicyRun): void {
    const i = this.open.lastIndexOf(run);
    if (i === -1) return;
    run.durationMs = Math.round((performance.now() - this.started[i]!) * 1000) / 1000;
    this.open.splice(i, 1);
    this.started.splice(i, 1);
  }

  /** `run` ended by throwing `located` (already located at its step): records how, and hands it back. */
  failed(run: PolicyRun, located: unknown): unknown {
    run.outcome = located instanceof EndOfFlow ? 'ended-flow' : 'error';
    if (located instanceof PolicyFault) run.error = `${located.reason ?? located.source}: ${located.message}`;
    this.end(run);
    return located;
  }
}
