// One request through one effective document: inbound → backend → outbound, any fault → on-error
// (spec §1.1, §5). The result is the response as context.Response holds it at the end.
import { LastErrorInfo, type Section } from '@apimx/parser';
import type { RequestContext } from '../context/request-context.ts';
import { MessageBody } from '../context/message-body.ts';
import type { CompiledSections } from './build.ts';
import { errorBody, internalFault, PolicyFault } from './fault.ts';
import { runSteps } from './run-steps.ts';
import { answerPreflight, isPreflight, preflightSteps } from './preflight.ts';
import { EndOfFlow, SkipToOutbound } from './signals.ts';
import type { LocatedStep, StepResult } from './step.ts';

const MAIN_SECTIONS: readonly Section[] = ['inbound', 'backend', 'outbound'];

export class Pipeline {
  /** The inbound section's top-level cors policies: what alone runs for a CORS preflight. */
  private readonly preflight: readonly LocatedStep[];

  constructor(readonly sections: CompiledSections) {
    this.preflight = preflightSteps(sections.inbound);
  }

  /** Whether a CORS preflight is answered by cors policies at the top of inbound (the gateway routes on it). */
  get answersPreflights(): boolean {
    return this.preflight.length > 0;
  }

  /** Resolves when context.Response is final. Never rejects: every failure becomes a response. */
  async run(ctx: RequestContext): Promise<void> {
    try {
      if (this.preflight.length > 0 && isPreflight(ctx)) answerPreflight(this.preflight, ctx);
      else await this.runMain(ctx);
    } catch (error) {
      if (error instanceof SkipToOutbound) await this.runOutbound(ctx);
      else if (!(error instanceof EndOfFlow)) await this.handle(error, ctx);
    }
    if (ctx.onComplete.length > 0) await complete(ctx);
  }

  private async runOutbound(ctx: RequestContext): Promise<void> {
    try {
      await this.runMain(ctx, MAIN_SECTIONS.indexOf('outbound'));
    } catch (error) {
      if (!(error instanceof EndOfFlow)) await this.handle(error, ctx);
    }
  }

  private runMain(ctx: RequestContext, index = 0): StepResult {
    for (let i = index; i < MAIN_SECTIONS.length; i++) {
      ctx.section = MAIN_SECTIONS[i]!;
      const result = ctx.section === 'outbound' && ctx.onOutbound.length > 0
        ? beforeOutbound(ctx).then(() => runSteps(this.sections.outbound, ctx))
        : runSteps(this.sections[ctx.section], ctx);
      if (result !== undefined) return result.then(() => this.runMain(ctx, i + 1));
    }
  }

  /**
   * A fault sets context.Response to the fault's answer and context.LastError, then on-error runs.
   * [UNCONFIRMED] an error inside on-error: apimx ends on-error there, records the new error in LastError and
   * answers with that error's default response.
   */
  private async handle(error: unknown, ctx: RequestContext): Promise<void> {
    const fault = asFault(error, ctx);
    applyFault(fault, ctx);
    ctx.section = 'on-error';
    try {
      await runSteps(this.sections['on-error'], ctx);
    } catch (inner) {
      if (inner instanceof EndOfFlow) return;
      applyFault(asFault(inner, ctx), ctx);
    }
  }
}

/** ctx.onOutbound callbacks, in order, each once; a failing one faults like a policy of outbound would. */
async function beforeOutbound(ctx: RequestContext): Promise<void> {
  for (const callback of ctx.onOutbound.splice(0)) await callback(ctx);
}

/** ctx.onComplete callbacks, in order; a failing one is traced, never turned into a response or a crash. */
async function complete(ctx: RequestContext): Promise<void> {
  for (const callback of ctx.onComplete) {
    try {
      await callback(ctx);
    } catch (error) {
      ctx.traces.push({ source: 'pipeline', severity: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }
}

function asFault(error: unknown, ctx: RequestContext): PolicyFault {
  if (error instanceof PolicyFault) return error;
  const message = error instanceof Error ? error.message : String(error);
  return internalFault('pipeline', null, message, ctx.requestId);
}

/** The answer a fault gives unless on-error changes it (spec §5.2). */
export function applyFault(fault: PolicyFault, ctx: RequestContext): void {
  const { status, reason, headers, body } = fault.response;
  ctx.LastError = new LastErrorInfo({ ...fault.lastError, HttpErrorCode: status });
  const response = ctx.Response;
  response.StatusCode = status;
  response.StatusReason = reason ?? '';
  response.Headers.clear();
  response.Headers.set('Content-Type', 'application/json');
  for (const [name, value] of Object.entries(headers ?? {})) response.Headers.set(name, value);
  response.Body = new MessageBody(Buffer.from(body ?? errorBody(status, fault.message)));
}
