// The backtracking matcher: .NET's model (leftmost, greedy/lazy, atomic groups, lookarounds, capture
// history), run over an explicit stack so that deep inputs never recurse, and metered: every 1024
// operations the caller's budget is charged, so a pattern that backtracks catastrophically ends in a
// clear error within the evaluation's step and time limits instead of hanging the process.
import { isAsciiWordChar, isWordChar, toLowerCode } from './char-sets.ts';
import * as op from './program.ts';
import type { Program } from './program.ts';

// Module-local copies: an imported binding may be a getter once transpiled, too slow for the dispatch loop.
const {
  ASSERT, BACKREF, BARRIER, CLOSE, CUT, CUT_ATOMIC, CUT_LOOK, IF_GROUP, JMP, LOOP, LOOP_BODY, LOOP_END,
  LOOP_INIT, MATCH, ONE, OPEN, REPEAT_ONE, SPLIT,
} = op;

/** Charged with the operations done, in chunks; throws to stop a match. */
export type Meter = (operations: number) => void;

export interface RunResult {
  index: number;
  length: number;
  /** Per group number, its captures as [index, length, index, length, ...], oldest first. */
  captures: number[][];
}

// Backtrack stack frames: four numbers each.
const F_CHOICE = 0; // a: pc, b: pos
const F_UNDO_REG = 1; // a: register, b: old value
const F_UNDO_CAP = 2; // a: group
const F_GREEDY = 3; // a: pc of REPEAT_ONE, b: start, c: count
const F_LAZY = 4; // a: pc of REPEAT_ONE, b: pos, c: count
const F_BARRIER = 5; // a: pc to resume at when popped (-1: keep failing), b: pos at entry

const TICK = 1024;

export class Machine {
  /** The backtrack stack, four int32 per frame (grown as needed, kept between runs). */
  private stack: Int32Array = new Int32Array(256);
  private regs: Int32Array;
  /** Per group, its captures as [index, length, ...]; only the first `capLen[g]` numbers are live. */
  private caps: number[][];
  private capLen: Int32Array;
  private input = '';
  private scanStart = 0;

  constructor(private readonly prog: Program) {
    this.regs = new Int32Array(prog.registers);
    this.caps = Array.from({ length: prog.groupCount }, () => []);
    this.capLen = new Int32Array(prog.groupCount);
  }

  /** The first match at or after `start` (at or before it, right to left), or null. */
  run(input: string, start: number, meter: Meter): RunResult | null {
    const p = this.prog;
    const n = input.length;
    this.input = input;
    this.scanStart = start;
    let ops = 0;
    let done = false;
    try {
      if (p.rightToLeft) {
        for (let s = start; s >= 0; s--) {
          ops++;
          const end = this.attempt(s, meter);
          ops += this.ops;
          if (end >= 0) return this.result(end, s);
          if (p.anchored) break;
        }
        return null;
      }
      const first = p.first;
      for (let s = start; s <= n; s++) {
        if (p.prefix) {
          s = input.indexOf(p.prefix, s);
          if (s < 0) return null;
        } else if (first) {
          while (s < n && !first.test(input.charCodeAt(s))) s++;
          if (s >= n) return null;
        }
        ops++;
        const end = this.attempt(s, meter);
        ops += this.ops;
        if (end >= 0) return this.result(s, end);
        if (p.anchored) break;
      }
      return null;
    } catch (e) {
      done = true;
      throw e;
    } finally {
      this.input = '';
      if (!done) meter(ops);
    }
  }

  private result(from: number, to: number): RunResult {
    const captures = this.caps.map((c, g) => c.slice(0, this.capLen[g]));
    captures[0] = [from, to - from];
    return { index: from, length: to - from, captures };
  }

  private ops = 0;

  /** Runs the program from `pos`; the position where it matched, or -1. `this.ops` holds the work not yet metered. */
  private attempt(startPos: number, meter: Meter): number {
    const code = this.prog.code;
    const input = this.input;
    const n = input.length;
    let stack: Int32Array = this.stack;
    const regs = this.regs;
    const caps = this.caps;
    const capLen = this.capLen;
    capLen.fill(0);
    let sp = 0;
    let pos = startPos;
    let pc = 0;
    let ops = 0;

    for (;;) {
      if (++ops >= TICK) { meter(ops); ops = 0; }
      // Every instruction pushes at most one frame: make room for it here.
      if (sp + 4 > stack.length) stack = this.grow();
      const ins = code[pc]!;
      switch (ins.op) {
        case ONE: {
          if (ins.rtl) {
            if (pos > 0 && ins.set!.test(input.charCodeAt(pos - 1))) { pos--; pc++; continue; }
          } else if (pos < n && ins.set!.test(input.charCodeAt(pos))) { pos++; pc++; continue; }
          break;
        }
        case REPEAT_ONE: {
          const set = ins.set!;
          const min = ins.b;
          if (ins.flag) {
            // Lazy: the minimum now, one more each time we come back.
            let k = 0;
            if (ins.rtl) { while (k < min && pos - k > 0 && set.test(input.charCodeAt(pos - k - 1))) k++; pos -= k; }
            else { while (k < min && pos + k < n && set.test(input.charCodeAt(pos + k))) k++; pos += k; }
            ops += k;
            if (k < min) break;
            if (k < ins.c) { stack[sp] = F_LAZY; stack[sp + 1] = pc; stack[sp + 2] = pos; stack[sp + 3] = k; sp += 4; }
            pc++;
            continue;
          }
          let k = 0;
          const max = ins.c;
          if (ins.rtl) { while (k < max && pos - k > 0 && set.test(input.charCodeAt(pos - k - 1))) k++; }
          else { while (k < max && pos + k < n && set.test(input.charCodeAt(pos + k))) k++; }
          ops += k;
          if (k < min) break;
          if (k > min) { stack[sp] = F_GREEDY; stack[sp + 1] = pc; stack[sp + 2] = pos; stack[sp + 3] = k; sp += 4; }
          pos = ins.rtl ? pos - k : pos + k;
          pc++;
          continue;
        }
        case SPLIT: { stack[sp] = F_CHOICE; stack[sp + 1] = ins.b; stack[sp + 2] = pos; stack[sp + 3] = 0; sp += 4; } pc = ins.a; continue;
        case JMP: pc = ins.a; continue;
        case OPEN: { stack[sp] = F_UNDO_REG; stack[sp + 1] = ins.a; stack[sp + 2] = regs[ins.a]!; stack[sp + 3] = 0; sp += 4; } regs[ins.a] = pos; pc++; continue;
        case CLOSE: {
          const from = regs[ins.b]!;
          const g = ins.a;
          const c = caps[g]!;
          const k = capLen[g]!;
          c[k] = from < pos ? from : pos;
          c[k + 1] = from < pos ? pos - from : from - pos;
          capLen[g] = k + 2;
          { stack[sp] = F_UNDO_CAP; stack[sp + 1] = ins.a; stack[sp + 2] = 0; stack[sp + 3] = 0; sp += 4; }
          pc++;
          continue;
        }
        case BACKREF: {
          const c = caps[ins.a]!;
          const last = capLen[ins.a]!;
          // .NET: a reference to a group that has not captured fails.
          if (last === 0) break;
          const from = c[last - 2]!;
          const len = c[last - 1]!;
          const at = ins.rtl ? pos - len : pos;
          if (at < 0 || at + len > n) break;
          ops += len;
          let k = 0;
          if (ins.flag) { while (k < len && toLowerCode(input.charCodeAt(at + k)) === toLowerCode(input.charCodeAt(from + k))) k++; }
          else { while (k < len && input.charCodeAt(at + k) === input.charCodeAt(from + k)) k++; }
          if (k < len) break;
          pos = ins.rtl ? at : at + len;
          pc++;
          continue;
        }
        case ASSERT: if (this.holds(ins.a, pos, ins.flag)) { pc++; continue; } break;
        case LOOP_INIT: { stack[sp] = F_UNDO_REG; stack[sp + 1] = ins.a; stack[sp + 2] = regs[ins.a]!; stack[sp + 3] = 0; sp += 4; } regs[ins.a] = 0; pc++; continue;
        case LOOP: {
          const count = regs[ins.a]!;
          if (count < ins.b) { pc++; continue; }
          if (count >= ins.c) { pc = ins.d; continue; }
          if (ins.flag) { { stack[sp] = F_CHOICE; stack[sp + 1] = pc + 1; stack[sp + 2] = pos; stack[sp + 3] = 0; sp += 4; } pc = ins.d; } else { { stack[sp] = F_CHOICE; stack[sp + 1] = ins.d; stack[sp + 2] = pos; stack[sp + 3] = 0; sp += 4; } pc++; }
          continue;
        }
        case LOOP_BODY: {
          const r = ins.a + 1;
          { stack[sp] = F_UNDO_REG; stack[sp + 1] = r; stack[sp + 2] = regs[r]!; stack[sp + 3] = 0; sp += 4; }
          regs[r] = pos;
          pc++;
          continue;
        }
        case LOOP_END: {
          const count = regs[ins.a]! + 1;
          { stack[sp] = F_UNDO_REG; stack[sp + 1] = ins.a; stack[sp + 2] = regs[ins.a]!; stack[sp + 3] = 0; sp += 4; }
          regs[ins.a] = count;
          // An empty iteration once the minimum is met ends the loop (else it would never end).
          pc = pos === regs[ins.a + 1] && count >= ins.b ? ins.d : ins.c;
          continue;
        }
        case BARRIER: regs[ins.a] = sp; { stack[sp] = F_BARRIER; stack[sp + 1] = ins.d; stack[sp + 2] = pos; stack[sp + 3] = 0; sp += 4; } pc++; continue;
        case CUT: {
          const h = regs[ins.a]!;
          if (ins.b === CUT_ATOMIC || ins.b === CUT_LOOK) {
            if (ins.b === CUT_LOOK) pos = stack[h + 2]!;
            // Drop every choice from the barrier up (the barrier too), keeping the undo records.
            let w = h;
            for (let r = h; r < sp; r += 4) {
              const kind = stack[r]!;
              if (kind !== F_UNDO_REG && kind !== F_UNDO_CAP) continue;
              if (w !== r) stack.copyWithin(w, r, r + 4);
              w += 4;
            }
            ops += (sp - h) >> 2;
            sp = w;
            pc++;
            continue;
          }
          // A negative lookaround whose body matched: undo what it did, then fail.
          while (sp > h) {
            sp -= 4;
            const kind = stack[sp]!;
            if (kind === F_UNDO_REG) regs[stack[sp + 1]!] = stack[sp + 2]!;
            else if (kind === F_UNDO_CAP) capLen[stack[sp + 1]!]! -= 2;
          }
          break;
        }
        case IF_GROUP: pc = capLen[ins.a]! > 0 ? pc + 1 : ins.d; continue;
        case MATCH: this.ops = ops; return pos;
      }

      // Backtrack: pop frames, undoing, until one says where to go on.
      for (;;) {
        if (++ops >= TICK) { meter(ops); ops = 0; }
        if (sp === 0) { this.ops = ops; return -1; }
        const top = sp - 4;
        const kind = stack[top]!;
        if (kind === F_CHOICE) { pc = stack[top + 1]!; pos = stack[top + 2]!; sp = top; break; }
        if (kind === F_UNDO_REG) { regs[stack[top + 1]!] = stack[top + 2]!; sp = top; continue; }
        if (kind === F_UNDO_CAP) { capLen[stack[top + 1]!]! -= 2; sp = top; continue; }
        if (kind === F_BARRIER) {
          sp = top;
          const resume = stack[top + 1]!;
          if (resume < 0) continue;
          pc = resume;
          pos = stack[top + 2]!;
          break;
        }
        const at = stack[top + 1]!;
        const ins = code[at]!;
        const from = stack[top + 2]!;
        let count = stack[top + 3]!;
        if (kind === F_GREEDY) {
          // Give back one character; keep the frame while more can be given back.
          count--;
          if (count > ins.b) stack[top + 3] = count;
          else sp = top;
          pos = ins.rtl ? from - count : from + count;
          pc = at + 1;
          break;
        }
        // F_LAZY: take one more character, if it belongs.
        sp = top;
        const next = ins.rtl ? from - 1 : from;
        if (next < 0 || next >= n || !ins.set!.test(input.charCodeAt(next))) continue;
        count++;
        pos = ins.rtl ? from - 1 : from + 1;
        if (sp + 4 > stack.length) stack = this.grow();
        if (count < ins.c) { stack[sp] = F_LAZY; stack[sp + 1] = at; stack[sp + 2] = pos; stack[sp + 3] = count; sp += 4; }
        pc = at + 1;
        break;
      }
    }
  }

  private grow(): Int32Array {
    const bigger = new Int32Array(this.stack.length * 2);
    bigger.set(this.stack);
    return (this.stack = bigger);
  }

  private holds(kind: number, pos: number, ecma: boolean): boolean {
    const input = this.input;
    const n = input.length;
    switch (kind) {
      case 0: return pos === 0;
      case 1: return pos === 0 || input.charCodeAt(pos - 1) === 10;
      case 2: return pos === n;
      case 3: return pos === n || (pos === n - 1 && input.charCodeAt(pos) === 10);
      case 4: return pos === n || input.charCodeAt(pos) === 10;
      case 5: case 6: {
        const word = ecma ? isAsciiWordChar : isWordChar;
        const before = pos > 0 && word(input.charCodeAt(pos - 1));
        const after = pos < n && word(input.charCodeAt(pos));
        return (before !== after) === (kind === 5);
      }
      default: return pos === this.scanStart;
    }
  }
}
