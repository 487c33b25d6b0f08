// What the document builder needs from the earlier stages, without knowing how they work.
import type { ExpressionSource, SourcePos } from '../source.ts';
import { PolicyError } from '../source.ts';

export interface BuildContext {
  readonly file: string;
  readonly errors: PolicyError[];
  readonly notes: string[];
  /** The expression behind placeholder `index` (recorded as used by the document). */
  expression(index: number): ExpressionSource;
  /** A value with any placeholders written back as the expression text they stand for (a literal after all). */
  literal(value: string): string;
  /** Original-file position of an offset in the scanned (named-value-substituted) text. */
  pos(offset: number): SourcePos;
  /** Whether the scanned span holds a named-value stand-in, whose real value is unknown (no configuration). */
  hasStandIn(start: number, end: number): boolean;
  /** The first non-whitespace offset at or after `offset` in the scanned text (where literal text starts). */
  firstNonSpace(offset: number): number;
}

export function report(ctx: BuildContext, pos: SourcePos, message: string): void {
  ctx.errors.push(new PolicyError(ctx.file, pos, message));
}
