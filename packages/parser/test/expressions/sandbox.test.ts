// Escape attempts: each is refused with a clear error (at compile time where the type is known, at run time
// otherwise), and the process carries on.
import { describe, expect, it } from 'vitest';
import { compileExpression, ExpressionCompileError, ExpressionEvaluationError, tryCompileExpression } from '../../src/expressions/index.ts';
import type { EvalLimits } from '../../src/expressions/index.ts';
import { makeContext, source } from './helpers.ts';

function compileError(code: string): string {
  const r = tryCompileExpression(source(code));
  if (r.ok) throw new Error(`expected a compile error for: ${code}`);
  expect(r.error).toBeInstanceOf(ExpressionCompileError);
  return r.error.message;
}

function runtimeError(code: string, limits?: EvalLimits): ExpressionEvaluationError {
  const e = compileExpression(source(code));
  try {
    e.evaluate(makeContext(), limits);
  } catch (err) {
    expect(err).toBeInstanceOf(ExpressionEvaluationError);
    return err as ExpressionEvaluationError;
  }
  throw new Error(`expected a run-time error for: ${code}`);
}

describe('sandbox: refused at compile time', () => {
  const rows: [string, RegExp][] = [
    ['"".constructor', /'string' does not contain a definition for 'constructor'/],
    ['"".constructor.constructor("return process")()', /'string' does not contain a definition for 'constructor'/],
    ['context.constructor', /does not contain a definition for 'constructor'/],
    ['context.__proto__', /does not contain a definition for '__proto__'/],
    ['context.Request.prototype', /does not contain a definition for 'prototype'/],
    ['context.Variables["x"].constructor', /'object' does not contain a definition for 'constructor'/],
    ['context.Request.Headers.size', /does not contain a definition for 'size'/],
    ['context.Request.Headers.get("x")', /does not contain a definition for 'get'/],
    ['globalThis', /The name 'globalThis' does not exist/],
    ['process.exit(1)', /The name 'process' does not exist/],
    ['require("fs")', /'require' is not a method/],
    ['Function("return 1")()', /'Function' is not a method|Method name expected/],
    ['eval("1")', /'eval' is not a method/],
    ['import("fs")', /import\(\)|Unsupported|not allowed/],
    ['(function () { return 1; })()', /not C#/],
    ['(() => 1)()', /lambda expression can only be passed as an argument/],
    ['this', /'this'.*not C#/],
    ['[].constructor', /Array literals/],
    ['({}).toString()', /Object literals/],
    ['`x${1}`', /.+/],
    ['/re/.exec("x")', /.+/],
    ['Symbol.iterator', /The name 'Symbol' does not exist/],
    ['context["Request"]', /Cannot apply indexing/],
    ['context.Request.Headers.GetValueOrDefault.call', /is a method/],
    ['typeof(Process)', /'Process' could not be found/],
    ['System.Diagnostics.Process.Start("x")', /not available to policy expressions/],
    ['System.IO.File.ReadAllText("/etc/passwd")', /not available to policy expressions/],
    ['Type.GetType("System.IO.File")', /does not contain a method 'GetType'/],
    ['"".GetType()', /does not contain a definition for 'GetType'/],
    ['Activator.CreateInstance("x")', /The name 'Activator' does not exist/],
    ['new System.Net.WebClient()', /could not be found/],
    ['{ Func<int, int> f = null; f = x => f(x); return f(1); }', /'Func' could not be found/],
    ['{ var f = (x) => x; return 1; }', /Delegates are not available/],
    ['undefined', /The name 'undefined' does not exist/],
    ['context.Request.Headers["a"].__proto__', /does not contain a definition for '__proto__'/],
    ['{ var a = new[] { 1 }; return a.push(2); }', /does not contain a definition for 'push'/],
  ];
  it.each(rows)('%s', (code, message) => {
    expect(compileError(code)).toMatch(message);
  });

  it('a deeply nested expression is a compile error, not a crash', () => {
    const code = '('.repeat(20000) + '1' + ')'.repeat(20000);
    expect(compileError(code)).toMatch(/nested too deeply|Unexpected|.+/);
  });
});

describe('sandbox: refused at run time (unknown static type)', () => {
  const rows: [string, RegExp][] = [
    ['{ object o = "s"; return ((dynamic)o).constructor; }', /does not contain a definition for 'constructor'/],
    ['((dynamic)context).__proto__', /does not contain a definition for '__proto__'/],
    ['((dynamic)"x").toString()', /does not contain a definition for 'toString'/],
    ['((dynamic)context).Request.Headers.get("x")', /does not contain a definition for 'get'/],
    ['((dynamic)context.Request.Headers).size', /does not contain a definition for 'size'/],
    ['((dynamic)context)["constructor"]', /Cannot apply indexing/],
    ['((dynamic)context.Variables).map', /does not contain a definition for 'map'/],
    ['((dynamic)new[] { 1 }).constructor', /does not contain a definition for 'constructor'/],
  ];
  it.each(rows)('%s', (code, message) => {
    const e = runtimeError(code);
    expect(e.exceptionType).toBe('RuntimeBinderException');
    expect(e.detail).toMatch(message);
  });
});

describe('sandbox: limits', () => {
  it('an endless while loop exhausts the step budget', () => {
    const e = runtimeError('{ while (true) { } return 1; }', { maxSteps: 10_000 });
    expect(e.exceptionType).toBe('LimitExceeded');
    expect(e.detail).toMatch(/step budget of 10000/);
  });

  it('an endless for(;;) exhausts the step budget', () => {
    expect(runtimeError('{ for (;;) { } }', { maxSteps: 5_000 }).exceptionType).toBe('LimitExceeded');
  });

  it('the wall clock stops a loop (injected clock)', () => {
    let now = 0;
    const clock = () => (now += 1);
    const e = runtimeError('{ var i = 0; while (true) { i++; } }', { maxSteps: 1e12, maxMillis: 50, clock });
    expect(e.detail).toMatch(/time limit of 50 ms/);
  });

  it('a limit cannot be caught by C# catch', () => {
    const e = runtimeError('{ try { while (true) { } } catch (Exception) { return "escaped"; } }', { maxSteps: 1_000 });
    expect(e.exceptionType).toBe('LimitExceeded');
  });

  it('new string(c, huge) is refused by the allocation budget', () => {
    expect(runtimeError('new string(\'x\', 100000000)').detail).toMatch(/allocation budget/);
  });

  it('PadLeft(huge) is refused', () => {
    expect(runtimeError('"x".PadLeft(100000000)').detail).toMatch(/allocation budget/);
  });

  it('new byte[huge] is refused', () => {
    expect(runtimeError('new byte[1000000000].Length').detail).toMatch(/allocation budget/);
  });

  it('new int[int.MaxValue] is refused', () => {
    expect(runtimeError('new int[int.MaxValue].Length').detail).toMatch(/allocation budget/);
  });

  it('doubling a string in a loop is refused', () => {
    expect(runtimeError('{ var s = "x"; for (int i = 0; i < 40; i++) { s = s + s; } return s.Length; }').detail).toMatch(/allocation budget/);
  });

  it('endless LINQ over a huge range is stopped by the step budget', () => {
    expect(runtimeError('Enumerable.Range(0, int.MaxValue).Select(x => x).Sum()', { maxSteps: 100_000 }).exceptionType).toBe('LimitExceeded');
  });

  it('nested lambdas past the depth limit are refused', () => {
    const code = 'new[] { 1 }.Select(a => new[] { 1 }.Select(b => new[] { 1 }.Select(c => new[] { 1 }.Select(d => d).Sum()).Sum()).Sum()).Sum()';
    expect(runtimeError(code, { maxDepth: 3 }).detail).toMatch(/nesting limit of 3/);
    expect(compileExpression(source(code)).evaluate(makeContext())).toBe(1);
  });
});

describe('sandbox: library work is charged, the clock runs from the start', () => {
  it('the time limit counts from the start of the evaluation, not from the first check (injected clock)', () => {
    // One clock reading at the start (0), every later one 5 s on: the first check must see 5 s gone. No loop
    // runs; the 20,000-character strings alone are charged past the first check at 1,024 steps.
    let reads = 0;
    const clock = () => (reads++ === 0 ? 0 : 5_000);
    const e = runtimeError("new string('a', 20000).ToLower().Length", { clock });
    expect(e.detail).toMatch(/time limit of 1000 ms/);
  });

  it.each([
    ['ToLower', 's.ToLower()'],
    ['ToUpperInvariant', 's.ToUpperInvariant()'],
    ['Replace', 's.Replace("a", "b")'],
    ['PadLeft', 's.PadLeft(s.Length + 1)'],
    ['string concatenation', 's + "!"'],
    ['interpolation', '$"{s}!"'],
    ['new string(c, n)', "new string('b', s.Length)"],
    ['string.Join', 'string.Join(",", s, s)'],
    ['Contains (scans, returns little)', 's.Contains("b")'],
    ['IndexOf', 's.IndexOf(\'b\')'],
    ['Regex.IsMatch (scans)', 'Regex.IsMatch(s, "b")'],
    ['JObject.Parse', 'JObject.Parse("{\\"a\\":\\"" + s + "\\"}")'],
  ])('a loop of %s over a large string runs out of steps, not into seconds', (_name, call) => {
    // 2,000 iterations cost 2,000 steps by themselves: only the charge for the text handled can exhaust 1,000,000.
    // The clock is frozen (injected) so that only the step budget can end it, however loaded the machine.
    const e = runtimeError(`{ var s = new string('a', 1000000); for (int i = 0; i < 2000; i++) { var r = ${call}; } return 1; }`, { maxAlloc: 1e12, clock: () => 0 });
    expect(e.exceptionType).toBe('LimitExceeded');
    expect(e.detail).toMatch(/step budget of 1000000/);
  });

  it('small strings cost nothing extra: the hot path fits in a budget of a few steps', () => {
    const e = compileExpression(source('context.Request.Headers.GetValueOrDefault("x-user-id", "N/A").ToUpper() + "-" + "abc".Replace("b", "c")'));
    expect(e.evaluate(makeContext(), { maxSteps: 1 })).toBe('ALICE-acc');
  });
});

describe('sandbox: regular expressions cannot hang the process', () => {
  it.each([
    ['alternation that overlaps', 'Regex.IsMatch(new string(\'a\', 40) + "!", "(a|aa)+$")', '(a|aa)+$'],
    ['alternation of equal branches', 'Regex.IsMatch(new string(\'a\', 28) + "!", "^(a|a)*$")', '^(a|a)*$'],
    ['nested quantifiers', 'Regex.IsMatch(new string(\'a\', 40) + "!", "(a+)+$")', '(a+)+$'],
    ['words and optional spaces', 'Regex.IsMatch("hello world this is a long sentence that never ends!", @"^(\\w+\\s?)+$")', String.raw`^(\w+\s?)+$`],
    ['adjacent overlapping quantifiers', 'Regex.IsMatch(new string(\'x\', 40), "(x+x+)+y")', '(x+x+)+y'],
    ['quadratic trailing space', 'Regex.Replace(new string(\' \', 100000) + "x", @"\\s+$", "")', String.raw`\s+$`],
    ['Matches over a catastrophic pattern', 'Regex.Matches(new string(\'a\', 40) + "!", "(a|aa)+$").Count', '(a|aa)+$'],
    ['an instance regex', 'new Regex("(a|aa)+$").Match(new string(\'a\', 40) + "!").Success', '(a|aa)+$'],
  ])('%s ends with a clear ExpressionValueEvaluationFailure', (_name, code, pattern) => {
    const e = runtimeError(code);
    expect(e.reason).toBe('ExpressionValueEvaluationFailure');
    expect(e.exceptionType).toBe('LimitExceeded');
    expect(e.detail).toContain(`Regex pattern '${pattern.replace(/\\\\/g, '\\')}' was still matching`);
  });

  it('C# catch cannot swallow it and loop', () => {
    const code = '{ var n = 0; while (true) { try { Regex.IsMatch(new string(\'a\', 40) + "!", "(a|aa)+$"); } catch (Exception) { n++; } } }';
    expect(runtimeError(code).exceptionType).toBe('LimitExceeded');
  });

  it('a matchTimeout raises RegexMatchTimeoutException, which C# can catch (injected clock)', () => {
    let now = 0;
    const clock = () => (now += 1);
    const code = '{ try { return new Regex("(a|aa)+$", RegexOptions.None, TimeSpan.FromMilliseconds(50)).IsMatch(new string(\'a\', 40) + "!") ? "match" : "none"; } catch (RegexMatchTimeoutException e) { return "timed out: " + e.Message; } }';
    const r = compileExpression(source(code)).evaluate(makeContext(), { clock, maxMillis: 1e9 });
    expect(r).toMatch(/^timed out: The Regex engine has timed out/);
  });

  it('the ordinary documented regex still answers', () => {
    const code = 'Regex.Match(context.Response.Headers.GetValueOrDefault("Cache-Control",""), @"max-age=(?<maxAge>\\d+)").Groups["maxAge"]?.Value';
    expect(compileExpression(source(code)).evaluate(makeContext())).toBe('3600');
  });
});

describe('sandbox: nothing leaks into the host', () => {
  it('keys named like prototype members stay data', () => {
    expect(compileExpression(source('new Dictionary<string, string> { ["__proto__"] = "x", ["constructor"] = "y" }.Count')).evaluate(makeContext())).toBe(2);
    expect(compileExpression(source('{ var __proto__ = 1; var constructor = "c"; return constructor + __proto__; }')).evaluate(makeContext())).toBe('c1');
    expect(compileExpression(source('context.Request.Body.As<string>(__proto__: true).Length')).evaluate(makeContext())).toBe(94);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('the process is alive after all of the above', () => {
    expect(compileExpression(source('1 + 1')).evaluate(makeContext())).toBe(2);
  });
});
