// Attribute and text values: literal constants, or compiled expressions evaluated against the request context.
// Converting an expression's C# value to what an attribute needs follows .NET (bools print as True/False).
import { compileExpression, setClock, toDotnetString as netString, type ExpressionSource } from '@apimx/parser';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context/request-context.ts';

export type Evaluate = (ctx: RequestContext) => unknown;

export interface CompiledValue {
  evaluate: Evaluate;
  /** The expression's static C# type ('dynamic' when only the run time knows it). */
  resultType: string;
}

// DateTime.UtcNow in expressions reads the library's clock; point it at the clock of the runtime whose request
// is being evaluated (tests inject a ManualClock). Only re-pointed when the clock changes.
let installedClock: Clock | null = null;

function useClock(clock: Clock): void {
  if (installedClock === clock) return;
  installedClock = clock;
  setClock(() => clock.now());
}

/** Compile once; the returned function evaluates per request. Compile errors surface at load with file:line:col. */
export function compileValue(source: ExpressionSource, file: string): CompiledValue {
  const compiled = compileExpression(source, { file });
  return {
    resultType: compiled.resultType,
    evaluate(ctx) {
      useClock(ctx.services.clock);
      return compiled.evaluate(ctx);
    },
  };
}

export function toDotnetString(value: unknown): string {
  return typeof value === 'string' ? value : netString(value);
}

export function toDotnetNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  const parsed = Number(typeof value === 'string' ? value.trim() : toDotnetString(value));
  if (Number.isNaN(parsed)) throw new TypeError(`"${toDotnetString(value)}" is not a number`);
  return parsed;
}

export function toDotnetBool(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const text = toDotnetString(value).trim().toLowerCase();
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new TypeError(`"${toDotnetString(value)}" is not a boolean`);
}
