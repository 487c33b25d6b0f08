// A parsed regex → a flat program for the backtracking machine (vm.ts).
//
// Matching right to left (lookbehind, RegexOptions.RightToLeft) is the same program with its sequences
// reversed and its character steps moving left, as .NET's own interpreter does it.
import type { CharSet } from './char-sets.ts';
import { singleCharOf } from './char-sets.ts';
import type { AssertKind, RegexNode } from './syntax.ts';

export const ONE = 0;
export const REPEAT_ONE = 1;
export const SPLIT = 2;
export const JMP = 3;
export const OPEN = 4;
export const CLOSE = 5;
export const BACKREF = 6;
export const ASSERT = 7;
export const LOOP_INIT = 8;
export const LOOP = 9;
export const LOOP_BODY = 10;
export const LOOP_END = 11;
export const BARRIER = 12;
export const CUT = 13;
export const IF_GROUP = 14;
export const MATCH = 15;

/** How a CUT ends its barrier: keep the position (atomic), restore it (lookahead, conditional), or fail. */
export const CUT_ATOMIC = 0;
export const CUT_LOOK = 1;
export const CUT_NEGATIVE = 2;

export const ASSERT_CODES: Record<AssertKind, number> = {
  bos: 0, bol: 1, eos: 2, 'eos-nl': 3, eol: 4, word: 5, 'not-word': 6, start: 7,
};

/** One instruction. Fields mean different things per op (see vm.ts); one shape keeps property access fast. */
export class Inst {
  constructor(
    public op: number,
    public a = 0,
    public b = 0,
    public c = 0,
    public d = 0,
    public set: CharSet | null = null,
    /** Lazy quantifier, case-insensitive backreference, ECMAScript word boundary. */
    public flag = false,
    public rtl = false,
  ) {}
}

export interface Program {
  code: Inst[];
  registers: number;
  groupCount: number;
  rightToLeft: boolean;
  /** Only one start position can match (\A, ^ without Multiline, \G at the front). */
  anchored: boolean;
  /** A literal every match starts with (case-sensitive, left to right only), to skip ahead with indexOf. */
  prefix: string;
  /** The sets the first character of every match belongs to, when known. */
  first: CharSet | null;
}

function minLength(n: RegexNode): number {
  switch (n.kind) {
    case 'one': return 1;
    case 'seq': return n.items.reduce((s, x) => s + minLength(x), 0);
    case 'alt': return Math.min(...n.alts.map(minLength));
    case 'group': case 'atomic': return minLength(n.body);
    case 'repeat': return n.min * minLength(n.body);
    case 'if-group': case 'if-look': return Math.min(minLength(n.yes), minLength(n.no));
    default: return 0;
  }
}

export function compileProgram(root: RegexNode, groupCount: number, rightToLeft: boolean): Program {
  const code: Inst[] = [];
  let registers = 0;
  const groupReg: number[] = [];
  const reg = (n = 1): number => { const r = registers; registers += n; return r; };
  for (let g = 0; g < groupCount; g++) groupReg.push(reg());
  const at = (): number => code.length;
  const put = (i: Inst): Inst => { code.push(i); return i; };

  const emit = (n: RegexNode, rtl: boolean): void => {
    switch (n.kind) {
      case 'empty': return;
      case 'one': put(new Inst(ONE, 0, 0, 0, 0, n.set, false, rtl)); return;
      case 'seq': {
        const items = rtl ? [...n.items].reverse() : n.items;
        for (const x of items) emit(x, rtl);
        return;
      }
      case 'alt': {
        const jumps: Inst[] = [];
        n.alts.forEach((alt, k) => {
          const last = k === n.alts.length - 1;
          const split = last ? null : put(new Inst(SPLIT));
          if (split) split.a = at();
          emit(alt, rtl);
          if (!last) jumps.push(put(new Inst(JMP)));
          if (split) split.b = at();
        });
        for (const j of jumps) j.a = at();
        return;
      }
      case 'group': {
        const g = n.group.number;
        put(new Inst(OPEN, groupReg[g]!));
        emit(n.body, rtl);
        put(new Inst(CLOSE, g, groupReg[g]!));
        return;
      }
      case 'repeat': emitRepeat(n, rtl); return;
      case 'atomic': {
        const r = reg();
        put(new Inst(BARRIER, r, 0, 0, -1));
        emit(n.body, rtl);
        put(new Inst(CUT, r, CUT_ATOMIC));
        return;
      }
      case 'look': {
        const r = reg();
        const barrier = put(new Inst(BARRIER, r, 0, 0, -1));
        emit(n.body, n.behind);
        put(new Inst(CUT, r, n.negate ? CUT_NEGATIVE : CUT_LOOK));
        if (n.negate) barrier.d = at();
        return;
      }
      case 'backref': put(new Inst(BACKREF, n.use.number, 0, 0, 0, null, n.ignoreCase, rtl)); return;
      case 'assert': put(new Inst(ASSERT, ASSERT_CODES[n.what], 0, 0, 0, null, n.ecma)); return;
      case 'if-group': {
        const test = put(new Inst(IF_GROUP, n.use.number));
        emitBranches(test, n.yes, n.no, rtl);
        return;
      }
      case 'if-look': {
        const r = reg();
        const barrier = put(new Inst(BARRIER, r, 0, 0, -1));
        emit(n.test, false);
        put(new Inst(CUT, r, CUT_LOOK));
        emitBranches(barrier, n.yes, n.no, rtl);
        return;
      }
    }
  };

  /** yes; jump over no; no. `test.d` is where the no branch starts. */
  const emitBranches = (test: Inst, yes: RegexNode, no: RegexNode, rtl: boolean): void => {
    emit(yes, rtl);
    const jump = put(new Inst(JMP));
    test.d = at();
    emit(no, rtl);
    jump.a = at();
  };

  const emitRepeat = (n: Extract<RegexNode, { kind: 'repeat' }>, rtl: boolean): void => {
    const { body, min, max, lazy } = n;
    if (max === 0) return;
    if (body.kind === 'one') {
      put(new Inst(REPEAT_ONE, 0, min, max, 0, body.set, lazy, rtl));
      return;
    }
    if (min === 1 && max === 1) { emit(body, rtl); return; }
    if (min === 0 && max === 1) {
      const split = put(new Inst(SPLIT));
      const bodyAt = at();
      emit(body, rtl);
      if (lazy) { split.a = at(); split.b = bodyAt; } else { split.a = bodyAt; split.b = at(); }
      return;
    }
    // X* and X+ need no counter when X cannot match empty (no endless empty iterations to stop).
    if (max === Infinity && min <= 1 && minLength(body) > 0) {
      if (min === 0) {
        const head = put(new Inst(SPLIT));
        const bodyAt = at();
        emit(body, rtl);
        put(new Inst(JMP, code.indexOf(head)));
        if (lazy) { head.a = at(); head.b = bodyAt; } else { head.a = bodyAt; head.b = at(); }
      } else {
        const bodyAt = at();
        emit(body, rtl);
        const split = put(new Inst(SPLIT));
        if (lazy) { split.a = at(); split.b = bodyAt; } else { split.a = bodyAt; split.b = at(); }
      }
      return;
    }
    const r = reg(2);
    put(new Inst(LOOP_INIT, r));
    const headAt = at();
    const head = put(new Inst(LOOP, r, min, max, 0, null, lazy));
    put(new Inst(LOOP_BODY, r));
    emit(body, rtl);
    const end = put(new Inst(LOOP_END, r, min, headAt));
    head.d = end.d = at();
  };

  emit(root, rightToLeft);
  put(new Inst(MATCH));
  return {
    code, registers, groupCount, rightToLeft,
    anchored: !rightToLeft && startsAnchored(root),
    prefix: rightToLeft ? '' : literalPrefix(root),
    first: rightToLeft ? null : firstSet(root),
  };
}

function leading(n: RegexNode): RegexNode {
  while (n.kind === 'seq' && n.items.length > 0) n = n.items[0]!;
  return n;
}

function startsAnchored(root: RegexNode): boolean {
  const n = leading(root);
  if (n.kind === 'alt') return n.alts.every(startsAnchored);
  if (n.kind === 'group' || n.kind === 'atomic') return startsAnchored(n.body);
  return n.kind === 'assert' && (n.what === 'bos' || n.what === 'start');
}

function literalPrefix(root: RegexNode): string {
  let out = '';
  const items = root.kind === 'seq' ? root.items : [root];
  for (const x of items) {
    const c = x.kind === 'one' ? singleCharOf(x.set) : -1;
    if (c < 0) break;
    out += String.fromCharCode(c);
  }
  return out;
}

/** The set of possible first characters, or null when unknown or when the match may be empty. */
function firstSet(root: RegexNode): CharSet | null {
  const sets: CharSet[] = [];
  const collect = (n: RegexNode): boolean => {
    switch (n.kind) {
      case 'one': sets.push(n.set); return true;
      case 'seq': {
        for (const x of n.items) {
          if (x.kind === 'assert' && (x.what === 'word' || x.what === 'not-word' || x.what === 'bol')) continue;
          return collect(x);
        }
        return false;
      }
      case 'alt': return n.alts.every(collect);
      case 'group': case 'atomic': return collect(n.body);
      case 'repeat': return n.min > 0 && collect(n.body);
      default: return false;
    }
  };
  if (!collect(root)) return null;
  if (sets.length === 1) return sets[0]!;
  return { test: (c: number) => sets.some((s) => s.test(c)) };
}
