// Compile errors located in the original policy file; run-time failures as one error class with a location.
import { describe, expect, it } from 'vitest';
import { parsePolicyDocument } from '../../src/parse-document.ts';
import {
  compileExpression, ExpressionCompileError, ExpressionEvaluationError, ProxyContext, tryCompileExpression,
} from '../../src/expressions/index.ts';
import { makeContext, run, source } from './helpers.ts';

const POLICY = `<policies>
  <inbound>
    <set-header name="x" exists-action="override">
      <value>@(context.Request.Headers.Nope("a"))</value>
    </set-header>
    <set-variable name="v" value="@{
      var s = context.Request.Method;
      return s.Lenght;
    }" />
    <set-variable name="w" value="@(context.Request.Url.Query.GetValueOrDefault(&quot;a&quot;, &quot;&quot;).Substring(5))" />
  </inbound>
</policies>`;

describe('compile errors carry file, line and column of the original file', () => {
  const expressions = parsePolicyDocument(POLICY, { file: 'p.xml' }).expressions;

  it('an unknown method on a known type', () => {
    const r = tryCompileExpression(expressions[0]!, { file: 'p.xml' });
    expect(r.ok).toBe(false);
    const err = (r as { ok: false; error: ExpressionCompileError }).error;
    expect(err).toBeInstanceOf(ExpressionCompileError);
    expect(err.file).toBe('p.xml');
    expect(err.pos).toEqual({ line: 4, column: 40 });
    expect(err.message).toBe("p.xml:4:40: 'IHeaderDictionary' does not contain a definition for 'Nope' (not available to policy expressions)");
  });

  it('an unknown property inside a block, on its own line', () => {
    const err = (tryCompileExpression(expressions[1]!, { file: 'p.xml' }) as { ok: false; error: ExpressionCompileError }).error;
    expect(err.pos).toEqual({ line: 8, column: 16 });
    expect(err.detail).toMatch(/'string' does not contain a definition for 'Lenght'/);
  });

  it('compileExpression throws the same error', () => {
    expect(() => compileExpression(expressions[0]!, { file: 'p.xml' })).toThrow(ExpressionCompileError);
  });

  it('syntax errors are located too', () => {
    const r = tryCompileExpression(source('context.Request.Method +'));
    expect(r.ok).toBe(false);
    expect((r as { ok: false; error: ExpressionCompileError }).error.detail).toMatch(/Unexpected token/);
  });

  it('not all code paths return a value', () => {
    expect(() => compileExpression(source('{ if (true) { return 1; } }'))).toThrow(/Not all code paths return a value/);
    expect(() => compileExpression(source('{ var x = 1; }'))).toThrow(/Not all code paths return a value/);
  });

  it('type errors C# reports at compile time', () => {
    expect(() => compileExpression(source('{ int x = "a"; return x; }'))).toThrow(/Cannot implicitly convert|cannot|Cannot/);
    expect(() => compileExpression(source('"a" < "b"'))).toThrow(/Operator '<' cannot be applied/);
    expect(() => compileExpression(source('{ var x = 1; var x = 2; return x; }'))).toThrow(/already defined/);
    expect(() => compileExpression(source('"abc".Substring(1, 2, 3)'))).toThrow(/No overload for method 'Substring' takes 3 arguments/);
    expect(() => compileExpression(source('(Foo)context'))).toThrow(/'Foo' could not be found/);
    expect(() => compileExpression(source('if (true) 1'))).toThrow();
  });
});

describe('evaluation failures are ExpressionEvaluationError (APIM ExpressionValueEvaluationFailure)', () => {
  it('carries reason, .NET exception type, message and locations', () => {
    const exprs = parsePolicyDocument(POLICY, { file: 'p.xml' }).expressions;
    const e = compileExpression(exprs[2]!, { file: 'p.xml' });
    let err: ExpressionEvaluationError | undefined;
    try {
      e.evaluate(makeContext());
    } catch (x) {
      err = x as ExpressionEvaluationError;
    }
    expect(err).toBeInstanceOf(ExpressionEvaluationError);
    expect(err!.reason).toBe('ExpressionValueEvaluationFailure');
    expect(err!.exceptionType).toBe('ArgumentOutOfRangeException');
    expect(err!.message).toMatch(/^Expression evaluation failed\. startIndex cannot be larger than length of string/);
    expect(err!.pos).toEqual({ line: 10, column: 35 });
    expect(err!.at).toEqual({ line: 10, column: 110 });
  });

  it('a null member access is a NullReferenceException', () => {
    const ctx = new ProxyContext({ Subscription: null });
    expect(() => run('context.Subscription.Id', ctx)).toThrow(/Object reference not set to an instance of an object/);
  });

  it('an evaluation never leaks a JS error type', () => {
    try {
      run('int.Parse("nope")');
    } catch (e) {
      expect(e).toBeInstanceOf(ExpressionEvaluationError);
      expect((e as ExpressionEvaluationError).exceptionType).toBe('FormatException');
    }
  });
});

describe('extension members merged from the security module', () => {
  it('AsBasic on string', () => {
    expect(run('"Basic YWxpY2U6c2VjcmV0".AsBasic().UserId')).toBe('alice');
  });
});

describe('toDotnetString for the runtime', () => {
  it('prints values as .NET does', async () => {
    const { toDotnetString } = await import('../../src/expressions/index.ts');
    expect(toDotnetString(true)).toBe('True');
    expect(toDotnetString(null)).toBe('');
    expect(toDotnetString(1e20)).toBe('1E+20');
    expect(toDotnetString(3, 'int')).toBe('3');
    expect(toDotnetString(2.5, 'double')).toBe('2.5');
    expect(toDotnetString(['a'], 'string[]')).toBe('System.String[]');
  });
});

describe('documented .NET types apimx does not implement yet are compile errors that say so', () => {
  const xml = `<policies>
  <inbound>
    <set-body>@(context.Request.Body.As<XElement>().ToString())</set-body>
    <set-variable name="d" value="@(XDocument.Parse(&quot;&lt;a/&gt;&quot;).Root.Name)" />
    <set-variable name="q" value="@(System.Xml.Linq.XDocument.Parse(&quot;&lt;a/&gt;&quot;))" />
  </inbound>
</policies>`;
  const expressions = parsePolicyDocument(xml, { file: 'x.xml' }).expressions;
  it.each([
    [0, "x.xml:3:17: 'XElement' (System.Xml.Linq) is not supported yet by apimx; read XML bodies as text (Body.As<string>())"],
    [1, "x.xml:4:37: 'XDocument' (System.Xml.Linq) is not supported yet by apimx; read XML bodies as text (Body.As<string>())"],
    [2, "x.xml:5:37: 'System.Xml' is not supported yet by apimx; read XML bodies as text (Body.As<string>())"],
  ])('expression %i', (k, message) => {
    const r = tryCompileExpression(expressions[k]!, { file: 'x.xml' });
    expect(r.ok ? 'compiled' : r.error.message).toBe(message);
  });
});
