// A compiled .NET regex: parsed once per (pattern, options), run by the backtracking machine (vm.ts) under
// the evaluation's budget. Matching from a position, all matches, Replace and Split.
import { ExpressionError } from '../../registry.ts';
import type { Guard } from '../../registry.ts';
import { LimitExceeded } from '../../../runtime/errors.ts';
import { RegexOptions } from './options.ts';
import { compileProgram } from './program.ts';
import type { Program } from './program.ts';
import { parseRegex } from './syntax.ts';
import { Machine } from './vm.ts';
import type { Meter, RunResult } from './vm.ts';

export type { RunResult } from './vm.ts';

/** Machine operations per step charged to the guard (an operation costs a few nanoseconds, a step tens). */
const OPS_PER_STEP = 8;
/** Without a guard (never from an expression), a match still ends: this many operations at most. */
const UNGUARDED_LIMIT = 50_000_000;

export class CsRegex {
  private readonly machine: Machine;
  constructor(
    readonly pattern: string,
    readonly options: number,
    readonly names: readonly string[],
    readonly program: Program,
    /** Regex.MatchTimeout in milliseconds; -1 for InfiniteMatchTimeout. */
    readonly timeoutMs = -1,
  ) {
    this.machine = new Machine(program);
  }

  get rightToLeft(): boolean { return this.program.rightToLeft; }

  withTimeout(ms: number): CsRegex {
    return new CsRegex(this.pattern, this.options, this.names, this.program, ms);
  }

  run(input: string, start: number, guard: Guard | undefined): RunResult | null {
    return this.machine.run(input, start, meterFor(this, guard));
  }
}

export function matchTimeout(): ExpressionError {
  return new ExpressionError('The Regex engine has timed out while trying to match a pattern to an input string. This can occur for many reasons, including very large inputs or excessive backtracking caused by nested quantifiers, back-references and other factors.', 'RegexMatchTimeoutException');
}

function meterFor(r: CsRegex, guard: Guard | undefined): Meter {
  let total = 0;
  const timed = r.timeoutMs >= 0 && guard?.now !== undefined;
  const started = timed ? guard!.now!() : 0;
  return (ops) => {
    total += ops;
    if (!guard) {
      if (total > UNGUARDED_LIMIT) throw matchTimeout();
      return;
    }
    try {
      guard.step(Math.ceil(ops / OPS_PER_STEP));
    } catch (e) {
      // Say which pattern spent the budget: backtracking is the usual reason a policy hits it here.
      if (e instanceof LimitExceeded) throw new LimitExceeded(`${e.message} Regex pattern '${r.pattern}' was still matching (it backtracks too much on this input).`);
      throw e;
    }
    // .NET's own model where the policy asked for it: new Regex(pattern, options, matchTimeout).
    if (timed && guard.now!() - started > r.timeoutMs) throw matchTimeout();
  };
}

const cache = new Map<string, CsRegex>();
const CACHE_LIMIT = 256;

/** Parse once per (pattern, options); static Regex calls hit this cache like .NET's own. */
export function compileRegex(pattern: unknown, options: unknown = 0): CsRegex {
  if (typeof pattern !== 'string') throw new ExpressionError('Value cannot be null. (Parameter \'pattern\')', 'ArgumentNullException');
  const opts = typeof options === 'number' ? options : 0;
  const key = `${opts}/${pattern}`;
  let r = cache.get(key);
  if (!r) {
    const parsed = parseRegex(pattern, opts);
    r = new CsRegex(pattern, opts, parsed.names, compileProgram(parsed.root, parsed.names.length, (opts & RegexOptions.RightToLeft) !== 0));
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(key, r);
  }
  return r;
}

/** The match at or after `start` (at or before it, right to left), or null. */
export function execAt(r: CsRegex, input: string, start: number, guard?: Guard): RunResult | null {
  return r.run(input, start, guard);
}

/** Every match in search order; an empty match moves the next search one character on, as .NET does. */
export function* allMatches(r: CsRegex, input: string, guard?: Guard, start?: number): Generator<RunResult> {
  const rtl = r.rightToLeft;
  let pos = start ?? (rtl ? input.length : 0);
  while (rtl ? pos >= 0 : pos <= input.length) {
    const m = execAt(r, input, pos, guard);
    if (!m) return;
    yield m;
    if (rtl) pos = m.length === 0 ? m.index - 1 : m.index;
    else pos = m.length === 0 ? m.index + 1 : m.index + m.length;
  }
}

export interface GroupSpan { success: boolean; index: number; value: string }

const FAILED: GroupSpan = { success: false, index: 0, value: '' };

/** Group `net` (a .NET group number) of a match: its last capture. */
export function groupOf(m: RunResult, input: string, net: number): GroupSpan {
  const c = m.captures[net];
  if (!c || c.length === 0) return FAILED;
  const index = c[c.length - 2]!;
  return { success: true, index, value: input.slice(index, index + c[c.length - 1]!) };
}

/** .NET replacement patterns: $1, ${name}, $$, $&, $`, $', $+, $_. */
export function expandReplacement(r: CsRegex, m: RunResult, input: string, replacement: string): string {
  const whole = input.slice(m.index, m.index + m.length);
  return replacement.replace(/\$(\$|&|`|'|\+|_|\d+|\{(\w+)\})/g, (text, token: string, name?: string) => {
    if (token === '$') return '$';
    if (token === '&') return whole;
    if (token === '`') return input.slice(0, m.index);
    if (token === '\'') return input.slice(m.index + m.length);
    if (token === '_') return input;
    if (token === '+') {
      const last = r.names.length - 1;
      return last > 0 ? groupOf(m, input, last).value : whole;
    }
    const key = name ?? token;
    const net = /^\d+$/.test(key) ? Number(key) : r.names.indexOf(key);
    // An unknown group leaves the text as written.
    if (net < 0 || net >= r.names.length) return text;
    return groupOf(m, input, net).value;
  });
}

/** The first `count` matches (all when negative), in order of position in the input. */
function matchesInOrder(r: CsRegex, input: string, count: number, start: number | undefined, guard?: Guard): RunResult[] {
  const found: RunResult[] = [];
  if (count === 0) return found;
  for (const m of allMatches(r, input, guard, start)) {
    found.push(m);
    if (count > 0 && found.length >= count) break;
  }
  return r.rightToLeft ? found.reverse() : found;
}

export function replace(r: CsRegex, input: string, by: (m: RunResult) => string, count: number, start: number | undefined, guard?: Guard): string {
  let out = '';
  let last = 0;
  for (const m of matchesInOrder(r, input, count, start, guard)) {
    const piece = by(m);
    guard?.alloc(piece.length);
    out += input.slice(last, m.index) + piece;
    last = m.index + m.length;
  }
  return out + input.slice(last);
}

/** Regex.Split: captured groups are included, as .NET does. */
export function split(r: CsRegex, input: string, count: number, start: number | undefined, guard?: Guard): string[] {
  const out: string[] = [];
  let last = 0;
  for (const m of matchesInOrder(r, input, count > 0 ? count - 1 : -1, start, guard)) {
    out.push(input.slice(last, m.index));
    for (let net = 1; net < r.names.length; net++) {
      const g = groupOf(m, input, net);
      if (g.success) out.push(g.value);
    }
    last = m.index + m.length;
  }
  out.push(input.slice(last));
  guard?.alloc(out.length);
  return out;
}

/** Regex.Escape: \ * + ? | { [ ( ) ^ $ . # and white space. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\*+?|{[()^$.#\s]/g, (c) => {
    switch (c) {
      case ' ': return '\\ ';
      case '\t': return '\\t';
      case '\n': return '\\n';
      case '\r': return '\\r';
      case '\f': return '\\f';
      case '\v': return '\\v';
      default: return `\\${c}`;
    }
  });
}

export function unescapeRegex(text: string): string {
  return text.replace(/\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|.)/gs, (_w, e: string) => {
    if (e.length > 1) return String.fromCharCode(parseInt(e.slice(1), 16));
    const map: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f', v: '\v', e: '\x1b', a: '\x07', '0': '\0' };
    return map[e] ?? e;
  });
}
