// compileExpression: ExpressionSource → CompiledExpression (parse once, compile once, evaluate many times).
import type { ExpressionSource, SourcePos } from '../source.ts';
import { PolicyError } from '../source.ts';
import type { TypeName } from './dotnet/registry.ts';
import { parseBlock, parseSingle, SyntaxFailure } from './syntax/parse.ts';
import { Compiler, CompileFailure, locationOf } from './compiler/compiler.ts';
import { canComplete, compileStatements } from './compiler/statements.ts';
import { FnScope, Frame, RETURN } from './compiler/frame.ts';
import type { Ev } from './compiler/frame.ts';
import { typeSystem } from './types/registry-instance.ts';
import { EvalGuard } from './runtime/guard.ts';
import type { EvalLimits } from './runtime/guard.ts';
import { asCsException, CsThrow, ExpressionEvaluationError, LimitExceeded } from './runtime/errors.ts';
import { ExpressionError } from './dotnet/registry.ts';
import { promote } from './types/type-names.ts';
import { isNum } from './compiler/operators.ts';

export interface CompileOptions {
  /** File name used in errors. Default '<expression>'. */
  file?: string;
}

export interface CompiledExpression {
  /** The C# type of the result ('string', 'bool', 'int', 'JObject'...; 'dynamic' when not known statically).
   *  set-variable stores it next to the value so that Variables.GetValueOrDefault<T> can check types. */
  readonly resultType: TypeName;
  /** Deployment placeholders (`{group-id}`) kept as literal text inside interpolated strings. */
  readonly placeholders: readonly string[];
  readonly form: 'single' | 'block';
  readonly source: ExpressionSource;
  /** Runs the expression against a `context` (a ProxyContext). Throws ExpressionEvaluationError on any failure. */
  evaluate(context: unknown, limits?: EvalLimits): unknown;
}

/** A compile error, located in the original policy file. */
export class ExpressionCompileError extends PolicyError {
  constructor(file: string, pos: SourcePos, detail: string) {
    super(file, pos, detail);
    this.name = 'ExpressionCompileError';
  }
}

export type CompileResult = { ok: true; expression: CompiledExpression } | { ok: false; error: ExpressionCompileError };

/** Compiles or throws ExpressionCompileError. */
export function compileExpression(src: ExpressionSource, opts: CompileOptions = {}): CompiledExpression {
  const r = tryCompileExpression(src, opts);
  if (!r.ok) throw r.error;
  return r.expression;
}

/** Compiles, returning the error instead of throwing it (for `apimx check`). */
export function tryCompileExpression(src: ExpressionSource, opts: CompileOptions = {}): CompileResult {
  const file = opts.file ?? '<expression>';
  try {
    return { ok: true, expression: build(src) };
  } catch (e) {
    if (e instanceof SyntaxFailure || e instanceof CompileFailure) {
      return { ok: false, error: new ExpressionCompileError(file, src.locate(Math.max(0, Math.min(e.offset, src.code.length))), e.message) };
    }
    if (e instanceof RangeError) {
      // The parser or compiler recursed past the JS stack: an absurdly nested expression.
      return { ok: false, error: new ExpressionCompileError(file, src.pos, 'The expression is nested too deeply to compile') };
    }
    throw e;
  }
}

function blockResultType(types: TypeName[]): TypeName {
  const known = types.filter((t) => t !== 'null' && t !== 'void');
  if (known.length === 0) return 'object';
  if (known.every((t) => t === known[0])) return known[0]!;
  if (known.every(isNum)) return known.reduce((a, b) => promote(a, b));
  return 'object';
}

function build(src: ExpressionSource): CompiledExpression {
  const ts = typeSystem();
  const fn = new FnScope(null);
  const c = new Compiler(ts, fn);
  let run: Ev;
  let resultType: TypeName;
  if (src.form === 'single') {
    const e = c.expr(parseSingle(src.code));
    if (e.t === 'void') c.fail(e.node, 'The expression has no value (it calls a void method)');
    run = e.ev;
    resultType = e.t === 'null' ? 'object' : e.t;
  } else {
    const program = parseBlock(src.code);
    const exec = compileStatements(c, program.body, false);
    if (canComplete(program.body)) c.fail({ start: Math.max(0, src.code.trimEnd().length - 1) }, 'Not all code paths return a value');
    if (fn.returnTypes.includes('void')) c.fail({ start: 0 }, 'Every return in a policy expression block must return a value');
    resultType = blockResultType(fn.returnTypes);
    run = (f) => {
      if (exec(f) !== RETURN) throw new ExpressionError('Not all code paths return a value.');
      return f.ret;
    };
  }
  const slots = fn;
  return {
    resultType,
    placeholders: c.placeholders,
    form: src.form,
    source: src,
    evaluate(context: unknown, limits?: EvalLimits): unknown {
      const guard = new EvalGuard(limits);
      const frame = new Frame(null, { guard, context }, slots.size);
      try {
        const v = run(frame);
        return v === undefined ? null : v;
      } catch (e) {
        throw evaluationError(src, e);
      }
    },
  };
}

function evaluationError(src: ExpressionSource, e: unknown): ExpressionEvaluationError {
  const offset = locationOf(e);
  const at = offset === undefined ? null : src.locate(Math.min(offset, src.code.length));
  if (e instanceof LimitExceeded) return new ExpressionEvaluationError(e.message, 'LimitExceeded', src.pos, at);
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new ExpressionEvaluationError('The expression nested too deeply.', 'LimitExceeded', src.pos, at);
  }
  if (e instanceof CsThrow || e instanceof ExpressionError || e instanceof Error) {
    const ex = asCsException(e)!;
    return new ExpressionEvaluationError(ex.Message, ex.typeName, src.pos, at);
  }
  return new ExpressionEvaluationError(String(e), 'Exception', src.pos, at);
}
