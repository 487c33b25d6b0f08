// A compiled policy is a Step: a function over the request context that returns a promise only when it has
// to wait (a backend call, a Redis round trip). Lists of steps run synchronously until one returns a promise,
// so a document of in-memory policies costs no microtasks at all.
import type { Section } from '@apimx/parser';
import type { RequestContext } from '../context/request-context.ts';
import type { ScopeName } from './scopes.ts';

export type StepResult = void | Promise<void>;

export interface Step {
  run(ctx: RequestContext): StepResult;
  /** The step reads the request body (an expression touches it, or the policy itself does): buffer it first. */
  readsRequestBody?: boolean;
  /** The step reads or rewrites the response body: buffer it first. Otherwise it streams through untouched. */
  readsResponseBody?: boolean;
  /**
   * cors only: answer a CORS preflight, the only thing that runs for one (see pipeline/preflight.ts). True when
   * it answered (context.Response is the answer); false when its origins, methods or headers do not match and,
   * its terminate-unmatched-request being false, the next cors of the section may answer instead.
   */
  answerPreflight?(ctx: RequestContext): boolean;
}

/** Where a step stands, for context.LastError (spec §5.1). */
export interface StepLocation {
  source: string;
  scope: ScopeName;
  section: Section;
  path: string;
  policyId: string | null;
}

/** One policy run as the request trace shows it (recorded only when the host asks for it). */
export interface PolicyRun {
  section: Section;
  policy: string;
  path: string;
  policyId: string | null;
  durationMs: number;
  outcome: 'ok' | 'error' | 'ended-flow';
  error?: string;
  variablesSet: string[];
}

export interface LocatedStep {
  step: Step;
  location: StepLocation;
}
