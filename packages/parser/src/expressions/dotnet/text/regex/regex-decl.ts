// The Regex TypeDecl: static and instance IsMatch/Match/Matches/Replace/Split, Escape/Unescape.
import { ExpressionError, method, property } from '../../registry.ts';
import type { Invocation, MemberDecl, TypeDecl } from '../../registry.ts';
import { CsTimeSpan } from '../../time/time-span.ts';
import { TICKS_PER_MS } from '../../time/calendar.ts';
import { displayString } from '../display.ts';
import { CsRegex, allMatches, compileRegex, escapeRegex, expandReplacement, replace, split, unescapeRegex } from './engine.ts';
import type { RunResult } from './engine.ts';
import { CsMatch, CsMatchCollection, matchAt } from './match.ts';

function input(v: unknown): string {
  if (typeof v === 'string') return v;
  throw new ExpressionError('Value cannot be null. (Parameter \'input\')', 'ArgumentNullException');
}

function rx(v: unknown): CsRegex {
  if (v instanceof CsRegex) return v;
  throw new ExpressionError('Object must be a Regex.', 'ArgumentException');
}

/** Where a search starts: the given `startat`, else the start (the end, right to left). */
function start(v: unknown, text: string, r?: CsRegex): number {
  if (v === undefined) return r?.rightToLeft ? text.length : 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > text.length) throw new ExpressionError('Start index cannot be less than 0 or greater than input length. (Parameter \'startat\')', 'ArgumentOutOfRangeException');
  return n;
}

/** A replacement string or a MatchEvaluator lambda (arrives as a JS function). */
function replacer(r: CsRegex, text: string, by: unknown): (m: RunResult) => string {
  if (typeof by === 'function') return (m) => displayString(by(new CsMatch(r, text, m)));
  if (typeof by !== 'string') throw new ExpressionError('Value cannot be null. (Parameter \'replacement\')', 'ArgumentNullException');
  return (m) => expandReplacement(r, m, text, by);
}

/** A regex with `Regex.InfiniteMatchTimeout` or the given TimeSpan (.NET refuses zero and negative spans). */
function timed(r: CsRegex, timeout: unknown): CsRegex {
  if (timeout === undefined || timeout === null) return r;
  if (!(timeout instanceof CsTimeSpan)) throw new ExpressionError('The matchTimeout must be a TimeSpan.', 'ArgumentException');
  if (timeout.ticks === INFINITE_TICKS) return r;
  if (timeout.ticks <= 0) throw new ExpressionError('Specified argument was out of the range of valid values. (Parameter \'matchTimeout\')', 'ArgumentOutOfRangeException');
  return r.withTimeout(timeout.ticks / TICKS_PER_MS);
}

/** Regex.InfiniteMatchTimeout is TimeSpan.FromMilliseconds(-1). */
const INFINITE_TICKS = -TICKS_PER_MS;

const matches = (r: CsRegex, text: string, at: number, inv: Invocation): CsMatchCollection => {
  const items: CsMatch[] = [];
  for (const m of allMatches(r, text, inv.guard, at)) {
    inv.guard.alloc(1);
    items.push(new CsMatch(r, text, m));
  }
  return new CsMatchCollection(items);
};

/** Match(input, beginning, length): the search sees only that substring (anchors included), indices stay the input's. */
function matchIn(r: CsRegex, text: string, beginning: number, length: number, inv: Invocation): CsMatch {
  if (!Number.isInteger(beginning) || !Number.isInteger(length) || beginning < 0 || length < 0 || beginning + length > text.length) {
    throw new ExpressionError('Specified argument was out of the range of valid values.', 'ArgumentOutOfRangeException');
  }
  const part = text.slice(beginning, beginning + length);
  const m = matchAt(r, part, r.rightToLeft ? part.length : 0, inv.guard);
  if (!m.raw) return new CsMatch(r, text, null);
  const shift = (spans: number[]): number[] => spans.map((v, k) => (k % 2 === 0 ? v + beginning : v));
  return new CsMatch(r, text, { index: m.raw.index + beginning, length: m.raw.length, captures: m.raw.captures.map(shift) });
}

const instance: Record<string, MemberDecl> = {
  IsMatch: method('bool', [1, 2], (self, [s, at], inv) => { const t = input(s); return matchAt(rx(self), t, start(at, t, rx(self)), inv.guard).success; }),
  // Match(input[, startat]) and Match(input, beginning, length) (searches that substring's positions).
  Match: method('Match', [1, 3], (self, [s, at, len], inv) => {
    const t = input(s);
    if (len !== undefined) return matchIn(rx(self), t, Number(at), Number(len), inv);
    return matchAt(rx(self), t, start(at, t, rx(self)), inv.guard);
  }),
  Matches: method('MatchCollection', [1, 2], (self, [s, at], inv) => { const t = input(s); return matches(rx(self), t, start(at, t, rx(self)), inv); }),
  // Replace(input, replacement|evaluator[, count[, startat]])
  Replace: method('string', [2, 4], (self, [s, by, count, at], inv) => {
    const t = input(s);
    return replace(rx(self), t, replacer(rx(self), t, by), count === undefined ? -1 : Number(count), at === undefined ? undefined : start(at, t), inv.guard);
  }),
  Split: method('string[]', [1, 3], (self, [s, count, at], inv) => {
    const t = input(s);
    return split(rx(self), t, count === undefined ? 0 : Number(count), at === undefined ? undefined : start(at, t), inv.guard);
  }),
  GetGroupNames: method('string[]', [0, 0], (self) => [...rx(self).names]),
  GetGroupNumbers: method('int[]', [0, 0], (self) => rx(self).names.map((_, k) => k)),
  GroupNameFromNumber: method('string', [1, 1], (self, [k]) => rx(self).names[Number(k)] ?? ''),
  GroupNumberFromName: method('int', [1, 1], (self, [name]) => rx(self).names.indexOf(String(name))),
  Options: property('RegexOptions', (self) => rx(self).options),
  RightToLeft: property('bool', (self) => rx(self).rightToLeft),
  MatchTimeout: property('TimeSpan', (self) => new CsTimeSpan(rx(self).timeoutMs < 0 ? INFINITE_TICKS : rx(self).timeoutMs * TICKS_PER_MS)),
  ToString: method('string', [0, 0], (self) => rx(self).pattern),
};

/** The static forms compile (cached) and run with the optional options and matchTimeout. */
const statics: Record<string, MemberDecl> = {
  IsMatch: method('bool', [2, 4], (_s, [s, p, o, to], inv) => { const r = timed(compileRegex(p, o), to); const t = input(s); return matchAt(r, t, start(undefined, t, r), inv.guard).success; }),
  Match: method('Match', [2, 4], (_s, [s, p, o, to], inv) => { const r = timed(compileRegex(p, o), to); const t = input(s); return matchAt(r, t, start(undefined, t, r), inv.guard); }),
  Matches: method('MatchCollection', [2, 4], (_s, [s, p, o, to], inv) => { const r = timed(compileRegex(p, o), to); const t = input(s); return matches(r, t, start(undefined, t, r), inv); }),
  Replace: method('string', [3, 5], (_s, [s, p, by, o, to], inv) => {
    const r = timed(compileRegex(p, o), to);
    const t = input(s);
    return replace(r, t, replacer(r, t, by), -1, undefined, inv.guard);
  }),
  Split: method('string[]', [2, 4], (_s, [s, p, o, to], inv) => split(timed(compileRegex(p, o), to), input(s), 0, undefined, inv.guard)),
  Escape: method('string', [1, 1], (_s, [s]) => escapeRegex(input(s))),
  Unescape: method('string', [1, 1], (_s, [s]) => unescapeRegex(input(s))),
};

export const regexType: TypeDecl = {
  name: 'Regex',
  aliases: ['System.Text.RegularExpressions.Regex'],
  is: (v) => v instanceof CsRegex,
  // new Regex(pattern[, options[, matchTimeout]]); a timeout is enforced with the evaluation's clock.
  construct: method('Regex', [1, 3], (_s, [p, o, to]) => timed(compileRegex(p, o), to)),
  instance,
  static: { ...statics, InfiniteMatchTimeout: property('TimeSpan', () => new CsTimeSpan(INFINITE_TICKS)) },
  toString: (r: CsRegex) => r.pattern,
};
