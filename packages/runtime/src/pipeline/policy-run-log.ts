// The policy runs of one request, recorded for its trace when the host asks (context.policyRuns): each run's
// entry in order, how long it took, how it ended, and the variables set while it was open (a nested run's
// variables count for the runs enclosing it too). Recording happens on every policy of every request, reading
// only when someone looks at a trace: runs are kept as flat arrays (the step's own location, two clock readings)
// and become PolicyRun objects only when read.
import type { VariableDictionary } from '@apimx/parser';
import { PolicyFault } from './fault.ts';
import { EndOfFlow } from './signals.ts';
import type { PolicyRun, StepLocation } from './step.ts';

/** A recorded run: its index in the log. */
export type RunHandle = number;

export class PolicyRunLog {
  private readonly locations: StepLocation[] = [];
  /** Start and end time of run i at 2i and 2i + 1 (end -1 while open). */
  private readonly times: number[] = [];
  /** The runs started and not yet ended, innermost last. */
  private readonly open: RunHandle[] = [];
  /** How the runs that did not end 'ok' ended; null while all did. */
  private endings: Map<RunHandle, { outcome: PolicyRun['outcome']; error?: string }> | null = null;
  /** (run, variable name) pairs, in the order they were set; null while none was. */
  private variables: (RunHandle | string)[] | null = null;

  constructor(variables: VariableDictionary) {
    variables.onSet = (name) => {
      if (this.open.length === 0) return;
      const set = (this.variables ??= []);
      for (const run of this.open) set.push(run, name);
    };
  }

  start(location: StepLocation): RunHandle {
    const run = this.locations.length;
    this.locations.push(location);
    this.times.push(performance.now(), -1);
    this.open.push(run);
    return run;
  }

  /** `run` is over, however it ended. Runs end innermost first, so it is nearly always the last open one. */
  end(run: RunHandle): void {
    const { open } = this;
    const last = open.length - 1;
    if (open[last] === run) open.pop();
    else {
      const i = open.lastIndexOf(run);
      if (i === -1) return;
      open.splice(i, 1);
    }
    this.times[2 * run + 1] = performance.now();
  }

  /** `run` ended by throwing `located` (already located at its step): records how, and hands it back. */
  failed(run: RunHandle, located: unknown): unknown {
    const ending: { outcome: PolicyRun['outcome']; error?: string } = { outcome: located instanceof EndOfFlow ? 'ended-flow' : 'error' };
    if (located instanceof PolicyFault) ending.error = `${located.reason ?? located.source}: ${located.message}`;
    (this.endings ??= new Map()).set(run, ending);
    this.end(run);
    return located;
  }

  /** Whether a policy of this name has run (started) so far. */
  ran(policy: string): boolean {
    for (const location of this.locations) if (location.source === policy) return true;
    return false;
  }

  /** The runs so far, as the trace shows them (a run still open has the duration it has had until now). */
  runs(): PolicyRun[] {
    const now = performance.now();
    const runs: PolicyRun[] = this.locations.map((location, i) => {
      const started = this.times[2 * i]!;
      const ended = this.times[2 * i + 1]!;
      const ending = this.endings?.get(i);
      const run: PolicyRun = {
        section: location.section,
        policy: location.source,
        path: location.path,
        policyId: location.policyId,
        durationMs: Math.round(((ended === -1 ? now : ended) - started) * 1000) / 1000,
        outcome: ending?.outcome ?? 'ok',
        variablesSet: [],
      };
      if (ending?.error !== undefined) run.error = ending.error;
      return run;
    });
    const set = this.variables;
    if (set !== null) for (let i = 0; i < set.length; i += 2) runs[set[i] as RunHandle]!.variablesSet.push(set[i + 1] as string);
    return runs;
  }
}
