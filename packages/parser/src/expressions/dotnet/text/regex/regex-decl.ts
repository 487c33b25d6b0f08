// The Regex TypeDecl: static and instance IsMatch/Match/Matches/Replace/Split, Escape/Unescape.
import { ExpressionError, method, property } from '../../registry.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../../registry.ts';
import { displayString } from '../display.ts';
import { CsRegex, allMatches, compileRegex, escapeRegex, expandReplacement, replace, split, unescapeRegex } from './engine.ts';
import { CsMatch, CsMatchCollection, matchAt } from './match.ts';

function input(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new ExpressionError('Value cannot be null. (Parameter \'input\')', 'ArgumentNullException');
}

function rx(v: unknown): CsRegex {
  if (v instanceof CsRegex) return v;
  throw new ExpressionError('Object must be a Regex.', 'ArgumentException');
}

function start(v: unknown, text: string): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > text.length) throw new ExpressionError('Start index cannot be less than 0 or greater than input length. (Parameter \'startat\')', 'ArgumentOutOfRangeException');
  return n;
}

/** A replacement string or a MatchEvaluator lambda (arrives as a JS function). */
function replacer(r: CsRegex, text: string, by: unknown): (m: RegExpExecArray) => string {
  if (typeof by === 'function') return (m) => displayString(by(new CsMatch(r, text, m)));
  if (typeof by !== 'string') throw new ExpressionError('Value cannot be null. (Parameter \'replacement\')', 'ArgumentNullException');
  return (m) => expandReplacement(r, m, text, by);
}

const matches = (r: CsRegex, text: string, at: number, inv: Invocation): CsMatchCollection => {
  const items: CsMatch[] = [];
  for (const m of allMatches(r, text, inv.guard, at)) {
    inv.guard.alloc(1);
    items.push(new CsMatch(r, text, m));
  }
  return new CsMatchCollection(items);
};

const instance: Record<string, MemberDecl> = {
  IsMatch: method('bool', [1, 2], (self, [s, at], inv) => { const t = input(s); return matchAt(rx(self), t, start(at, t), inv.guard).success; }),
  Match: method('Match', [1, 3], (self, [s, at], inv) => { const t = input(s); return matchAt(rx(self), t, start(at, t), inv.guard); }),
  Matches: method('MatchCollection', [1, 2], (self, [s, at], inv) => { const t = input(s); return matches(rx(self), t, start(at, t), inv); }),
  // Replace(input, replacement|evaluator[, count[, startat]])
  Replace: method('string', [2, 4], (self, [s, by, count, at], inv) => {
    const t = input(s);
    return replace(rx(self), t, replacer(rx(self), t, by), count === undefined ? -1 : Number(count), start(at, t), inv.guard);
  }),
  Split: method('string[]', [1, 3], (self, [s, count, at], inv) => {
    const t = input(s);
    return split(rx(self), t, count === undefined ? 0 : Number(count), start(at, t), inv.guard);
  }),
  GetGroupNames: method('string[]', [0, 0], (self) => [...rx(self).t.names]),
  GetGroupNumbers: method('int[]', [0, 0], (self) => rx(self).t.names.map((_, k) => k)),
  Options: property('RegexOptions', (self) => rx(self).options),
  ToString: method('string', [0, 0], (self) => rx(self).pattern),
};

const statics: Record<string, MemberDecl> = {
  IsMatch: method('bool', [2, 4], (_s, [s, p, o], inv) => matchAt(compileRegex(p, o), input(s), 0, inv.guard).success),
  Match: method('Match', [2, 4], (_s, [s, p, o], inv) => matchAt(compileRegex(p, o), input(s), 0, inv.guard)),
  Matches: method('MatchCollection', [2, 4], (_s, [s, p, o], inv) => matches(compileRegex(p, o), input(s), 0, inv)),
  Replace: method('string', [3, 5], (_s, [s, p, by, o], inv) => {
    const r = compileRegex(p, o);
    const t = input(s);
    return replace(r, t, replacer(r, t, by), -1, 0, inv.guard);
  }),
  Split: method('string[]', [2, 4], (_s, [s, p, o], inv) => split(compileRegex(p, o), input(s), 0, 0, inv.guard)),
  Escape: method('string', [1, 1], (_s, [s]) => escapeRegex(input(s))),
  Unescape: method('string', [1, 1], (_s, [s]) => unescapeRegex(input(s))),
};

export const regexType: TypeDecl = {
  name: 'Regex',
  aliases: ['System.Text.RegularExpressions.Regex'],
  is: (v) => v instanceof CsRegex,
  // new Regex(pattern[, options[, matchTimeout]]); the timeout is accepted and not enforced (see translate.ts).
  construct: method('Regex', [1, 3], (_s, [p, o]) => compileRegex(p, o)),
  instance,
  static: statics,
  toString: (r: CsRegex) => r.pattern,
};
