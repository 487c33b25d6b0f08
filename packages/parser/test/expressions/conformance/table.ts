// A conformance row: C# code and the value C# gives (worked out by hand), or the exception type it throws.
import { expect, it } from 'vitest';
import { ExpressionEvaluationError } from '../../../src/expressions/index.ts';
import type { ProxyContext } from '../../../src/expressions/index.ts';
import { makeContext, run } from '../helpers.ts';

export type Expected = unknown | { throws: string };
export type Row = readonly [code: string, expected: Expected];

function isThrows(e: unknown): e is { throws: string } {
  return typeof e === 'object' && e !== null && 'throws' in e;
}

export function table(rows: readonly Row[], context: () => ProxyContext = makeContext): void {
  it.each(rows.map(([code, expected]) => ({ code, expected })))('$code', ({ code, expected }) => {
    if (isThrows(expected)) {
      let caught: unknown;
      try {
        run(code, context());
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(ExpressionEvaluationError);
      expect((caught as ExpressionEvaluationError).exceptionType).toBe(expected.throws);
      return;
    }
    expect(run(code, context())).toEqual(expected);
  });
}
