// Attribute and text values: literal constants, or compiled expressions evaluated against the request context.
// Converting an expression's C# value to what an attribute needs follows .NET (bools print as True/False).
import * as parser from '@apimx/parser';
import type { ExpressionSource } from '@apimx/parser';
import type { RequestContext } from '../context/request-context.ts';

export type Evaluate = (ctx: RequestContext) => unknown;

interface CompiledExpression {
  evaluate(context: unknown): unknown;
}

// TODO(lead): bind statically to parser.compileExpression / toDotnetString once the compiler lands.
const compiler = parser as unknown as {
  compileExpression?: (source: ExpressionSource, options: { file: string }) => CompiledExpression;
  toDotnetString?: (value: unknown) => string;
};

/** Compile once; the returned function evaluates per request. Compile errors surface at load with file:line:col. */
export function compileValue(source: ExpressionSource, file: string): Evaluate {
  if (!compiler.compileExpression) throw new parser.PolicyError(file, source.pos, 'policy expressions are not available yet');
  const compiled = compiler.compileExpression(source, { file });
  return (ctx) => compiled.evaluate(ctx);
}

export function toDotnetString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (compiler.toDotnetString) return compiler.toDotnetString(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
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
