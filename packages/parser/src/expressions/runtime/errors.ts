// Errors of evaluation. Inside an evaluation, C# exceptions travel as `CsThrow` (catchable by C# `catch`);
// limits travel as `LimitExceeded` (never catchable). Whatever escapes `evaluate` is one
// `ExpressionEvaluationError`, which the runtime maps to APIM's ExpressionValueEvaluationFailure.
import { ExpressionError } from '../dotnet/registry.ts';
import type { SourcePos } from '../../source.ts';

/** A .NET exception object as expressions see it (`ex.Message`, `new Exception("...")`). */
export class CsException {
  constructor(
    readonly typeName: string,
    readonly Message: string,
    readonly InnerException: CsException | null = null,
  ) {}
}

/** A C# exception in flight. */
export class CsThrow {
  constructor(readonly exception: CsException) {}
}

/** The step budget, allocation budget, depth or wall clock ran out. Not catchable from C#. */
export class LimitExceeded extends ExpressionError {
  constructor(message: string) {
    super(message, 'LimitExceeded');
    this.name = 'LimitExceeded';
  }
}

/** APIM's ExpressionValueEvaluationFailure: an expression failed while it was evaluated. */
export class ExpressionEvaluationError extends Error {
  readonly reason = 'ExpressionValueEvaluationFailure';
  constructor(
    /** The failure alone ("Object reference not set to an instance of an object."). */
    readonly detail: string,
    /** The .NET exception type, e.g. 'NullReferenceException', or 'LimitExceeded'. */
    readonly exceptionType: string,
    /** Where the expression (its `@`) stands in the policy file. */
    readonly pos: SourcePos,
    /** Where in the file the failing construct stands, when known. */
    readonly at: SourcePos | null,
  ) {
    super(`Expression evaluation failed. ${detail}`);
    this.name = 'ExpressionEvaluationError';
  }
}

export function csError(exceptionType: string, message: string): CsThrow {
  return new CsThrow(new CsException(exceptionType, message));
}

export const nullReference = (): CsThrow => csError('NullReferenceException', 'Object reference not set to an instance of an object.');

/** Any failure as a C# exception (for `catch`), or null when it must not be caught (limits). */
export function asCsException(e: unknown): CsException | null {
  if (e instanceof CsThrow) return e.exception;
  if (e instanceof LimitExceeded) return null;
  if (e instanceof ExpressionError) return new CsException(e.exceptionType ?? 'Exception', e.message);
  if (e instanceof RangeError && /call stack/i.test(e.message)) return null;
  if (e instanceof Error) return new CsException('Exception', e.message);
  return new CsException('Exception', String(e));
}
