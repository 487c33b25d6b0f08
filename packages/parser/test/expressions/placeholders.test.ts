// Deployment placeholders inside interpolated strings: `{group-id}` is the labs' stand-in for a value their
// notebooks substitute before upload, kept as literal text; real subtraction in a hole is untouched.
import { describe, expect, it } from 'vitest';
import { compileExpression, tryCompileExpression } from '../../src/expressions/index.ts';
import { makeContext, source } from './helpers.ts';

describe('deployment placeholders in interpolated strings', () => {
  it('keeps an unbound kebab-case hole as literal text and reports it', () => {
    const compiled = compileExpression(source('$"https://graph/groups/{group-id}/members?x={1 + 1}"'));
    expect(compiled.evaluate(makeContext())).toBe('https://graph/groups/{group-id}/members?x=2');
    expect(compiled.placeholders).toEqual(['{group-id}']);
  });

  it('takes several dashes', () => {
    const compiled = compileExpression(source('$"{my-app-client-id}"'));
    expect(compiled.evaluate(makeContext())).toBe('{my-app-client-id}');
  });

  it('is still subtraction when a name in the hole is bound', () => {
    const compiled = compileExpression(source('{ int group = 5; int id = 2; return $"{group-id}"; }'));
    expect(compiled.evaluate(makeContext())).toBe('3');
    expect(compiled.placeholders).toEqual([]);
  });

  it('does not hide an unknown name outside a subtraction-only hole', () => {
    const result = tryCompileExpression(source('$"{group.Id}"'));
    expect(result.ok).toBe(false);
  });
});
