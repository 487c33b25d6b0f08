// .NET regular expression syntax → a tree the matcher compiles (program.ts).
//
// Follows .NET: inline options (?imnsx-imnsx) last to the end of the enclosing group, (?imnsx:...) scope one
// group; x-mode white space and # comments; unnamed groups are numbered first, then named ones in order of
// first appearance (a repeated name is the same group); \N and \k<name> backreferences; character class
// subtraction [a-z-[aeiou]]; conditionals (?(name)yes|no) and (?(expr)yes|no). Refused with a clear
// message: balancing groups, explicitly numbered groups and Unicode block names (\p{IsGreek}).
import { ExpressionError } from '../../registry.ts';
import { category, charSet, dotSet, setOf, shorthand, toLowerCode, toUpperCode } from './char-sets.ts';
import type { CharSet } from './char-sets.ts';
import { RegexOptions } from './options.ts';

export type AssertKind = 'bos' | 'bol' | 'eos' | 'eos-nl' | 'eol' | 'word' | 'not-word' | 'start';

export interface GroupRef { name: string | null; number: number }

/** A backreference or a conditional's group, resolved once groups are numbered. */
export interface GroupUse { name: string | null; number: number; at: number }

export type RegexNode =
  | { kind: 'empty' }
  | { kind: 'one'; set: CharSet }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; alts: RegexNode[] }
  | { kind: 'group'; group: GroupRef; body: RegexNode }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number; lazy: boolean }
  | { kind: 'atomic'; body: RegexNode }
  | { kind: 'look'; body: RegexNode; behind: boolean; negate: boolean }
  | { kind: 'backref'; use: GroupUse; ignoreCase: boolean }
  | { kind: 'assert'; what: AssertKind; ecma: boolean }
  | { kind: 'if-group'; use: GroupUse; yes: RegexNode; no: RegexNode }
  | { kind: 'if-look'; test: RegexNode; yes: RegexNode; no: RegexNode };

export interface ParsedRegex {
  root: RegexNode;
  /** The name of each group number: "0", "1", ..., then the named groups. */
  names: string[];
}

interface Flags { i: boolean; m: boolean; s: boolean; n: boolean; x: boolean }

export function regexError(pattern: string, offset: number, why: string): ExpressionError {
  return new ExpressionError(`Invalid pattern '${pattern}' at offset ${offset}. ${why}`, 'RegexParseException');
}

function unsupported(what: string): never {
  throw new ExpressionError(`Regex construct not supported by this gateway: ${what}.`, 'NotSupportedException');
}

const NAME = /^[A-Za-z_][\w]*|^\d+/;

export function parseRegex(pattern: string, options: number): ParsedRegex {
  const ecma = (options & RegexOptions.ECMAScript) !== 0;
  let flags: Flags = {
    i: (options & RegexOptions.IgnoreCase) !== 0,
    m: (options & RegexOptions.Multiline) !== 0,
    s: (options & RegexOptions.Singleline) !== 0,
    n: (options & RegexOptions.ExplicitCapture) !== 0,
    x: (options & RegexOptions.IgnorePatternWhitespace) !== 0,
  };
  const groups: GroupRef[] = [];
  const uses: GroupUse[] = [];
  let i = 0;

  const fail = (why: string): never => { throw regexError(pattern, i, why); };

  const skipTrivia = (): void => {
    for (;;) {
      if (flags.x && i < pattern.length && /\s/.test(pattern[i]!)) { i++; continue; }
      if (flags.x && pattern[i] === '#') { while (i < pattern.length && pattern[i] !== '\n') i++; continue; }
      if (pattern.startsWith('(?#', i)) {
        const end = pattern.indexOf(')', i);
        if (end < 0) fail('Unterminated (?#...) comment.');
        i = end + 1;
        continue;
      }
      return;
    }
  };

  function parseAlternation(): RegexNode {
    const alts: RegexNode[] = [parseSequence()];
    while (pattern[i] === '|') {
      i++;
      alts.push(parseSequence());
    }
    return alts.length === 1 ? alts[0]! : { kind: 'alt', alts };
  }

  function parseSequence(): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      skipTrivia();
      if (i >= pattern.length || pattern[i] === '|' || pattern[i] === ')') break;
      const q = quantifierAt();
      if (q) fail(`Quantifier '${pattern.slice(i, i + q.length)}' following nothing.`);
      const atom = parseAtom();
      if (atom === null) continue;
      items.push(quantified(atom));
    }
    return items.length === 1 ? items[0]! : items.length === 0 ? { kind: 'empty' } : { kind: 'seq', items };
  }

  function quantifierAt(): { min: number; max: number; length: number } | null {
    const c = pattern[i];
    if (c === '*') return { min: 0, max: Infinity, length: 1 };
    if (c === '+') return { min: 1, max: Infinity, length: 1 };
    if (c === '?') return { min: 0, max: 1, length: 1 };
    if (c !== '{') return null;
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i));
    if (!m) return null;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    return { min, max, length: m[0].length };
  }

  function quantified(atom: RegexNode): RegexNode {
    skipTrivia();
    const q = quantifierAt();
    if (!q) return atom;
    if (q.min > q.max) fail('Illegal {x,y} with x > y.');
    i += q.length;
    const lazy = pattern[i] === '?';
    if (lazy) i++;
    skipTrivia();
    const again = quantifierAt();
    if (again) fail(`Nested quantifier '${pattern[i]}'.`);
    return { kind: 'repeat', body: atom, min: q.min, max: q.max, lazy };
  }

  /** One atom, or null for something that matches nothing and is not quantifiable (an option switch). */
  function parseAtom(): RegexNode | null {
    const c = pattern[i]!;
    switch (c) {
      case '(': return parseGroup();
      case '[': i++; return { kind: 'one', set: parseClass() };
      case '.': i++; return { kind: 'one', set: dotSet(flags.s) };
      case '^': i++; return { kind: 'assert', what: flags.m ? 'bol' : 'bos', ecma };
      case '$': i++; return { kind: 'assert', what: flags.m ? 'eol' : 'eos-nl', ecma };
      case '\\': return parseEscape();
      default:
        i++;
        return { kind: 'one', set: charSet(c.charCodeAt(0), flags.i) };
    }
  }

  function groupName(): string {
    const m = NAME.exec(pattern.slice(i));
    if (!m) fail('Invalid group name: Group names must begin with a word character.');
    i += m![0].length;
    return m![0];
  }

  function body(inner: Flags): RegexNode {
    const outer = flags;
    flags = { ...inner };
    const node = parseAlternation();
    flags = outer;
    if (pattern[i] !== ')') fail("Not enough )'s.");
    i++;
    return node;
  }

  function capture(name: string | null, inner: Flags): RegexNode {
    const group: GroupRef = { name, number: -1 };
    groups.push(group);
    return { kind: 'group', group, body: body(inner) };
  }

  function applyOptions(spec: string, to: Flags): Flags {
    const out = { ...to };
    let on = true;
    for (const ch of spec) {
      if (ch === '-') { on = false; continue; }
      if (!'imnsx'.includes(ch)) fail('Unrecognized grouping construct.');
      out[ch as keyof Flags] = on;
    }
    return out;
  }

  function parseGroup(): RegexNode | null {
    const start = i;
    i++;
    if (pattern[i] !== '?') return flags.n ? body(flags) : capture(null, flags);
    i++;
    const c = pattern[i];
    if (c === ':') { i++; return body(flags); }
    if (c === '=' || c === '!') { i++; return { kind: 'look', body: body(flags), behind: false, negate: c === '!' }; }
    if (c === '>') { i++; return { kind: 'atomic', body: body(flags) }; }
    if ((c === '<' && (pattern[i + 1] === '=' || pattern[i + 1] === '!'))) {
      const negate = pattern[i + 1] === '!';
      i += 2;
      return { kind: 'look', body: body(flags), behind: true, negate };
    }
    if (c === '<' || c === '\'') {
      const close = c === '<' ? '>' : '\'';
      i++;
      if (pattern[i] === '-') unsupported('balancing groups');
      const name = groupName();
      if (pattern[i] === '-') unsupported('balancing groups');
      if (/^\d+$/.test(name)) unsupported('explicitly numbered groups');
      if (pattern[i] !== close) fail('Invalid group name: Group names must begin with a word character.');
      i++;
      return capture(name, flags);
    }
    if (c === '(') return parseConditional();
    const m = /^([imnsx-]*)([:)])/.exec(pattern.slice(i));
    if (!m || m[1] === '') { i = start + 2; fail('Unrecognized grouping construct.'); }
    i += m![0].length;
    const changed = applyOptions(m![1]!, flags);
    if (m![2] === ')') {
      // (?imnsx-imnsx): from here to the end of the enclosing group.
      flags = changed;
      return null;
    }
    return body(changed);
  }

  /** (?(name)yes|no), (?(number)yes|no) or (?(expression)yes|no), the expression a lookahead. */
  function parseConditional(): RegexNode {
    const at = i;
    const m = /^\((\w+)\)/.exec(pattern.slice(i));
    const branches = (): [RegexNode, RegexNode] => {
      const node = body(flags);
      if (node.kind !== 'alt') return [node, { kind: 'empty' }];
      if (node.alts.length > 2) fail('Too many | in (?()|).');
      return [node.alts[0]!, node.alts[1]!];
    };
    if (m) {
      const name = m[1]!;
      const numeric = /^\d+$/.test(name);
      // A name that is no group is an expression (.NET decides once all groups are known; so do we below).
      i += m[0].length;
      const use: GroupUse = { name: numeric ? null : name, number: numeric ? Number(name) : -1, at };
      const [yes, no] = branches();
      const node = { kind: 'if-group' as const, use, yes, no };
      pendingConditionals.push({ node, test: name });
      return node;
    }
    i++;
    const test = body(flags);
    const [yes, no] = branches();
    return { kind: 'if-look', test, yes, no };
  }

  function parseEscape(): RegexNode {
    const n = pattern[i + 1];
    if (n === undefined) { i++; fail('Illegal \\ at end of pattern.'); }
    const simpleAssert: Record<string, AssertKind> = { A: 'bos', z: 'eos', Z: 'eos-nl', G: 'start', b: 'word', B: 'not-word' };
    if (simpleAssert[n!]) { i += 2; return { kind: 'assert', what: simpleAssert[n!]!, ecma }; }
    if (n === 'k') {
      const m = /^\\k(?:<(\w+)>|'(\w+)')/.exec(pattern.slice(i));
      if (!m) { i += 2; fail('Malformed \\k<...> named back reference.'); }
      const name = m![1] ?? m![2]!;
      const use: GroupUse = /^\d+$/.test(name) ? { name: null, number: Number(name), at: i } : { name, number: -1, at: i };
      i += m![0].length;
      uses.push(use);
      return { kind: 'backref', use, ignoreCase: flags.i };
    }
    const digits = /^\\([1-9]\d*)/.exec(pattern.slice(i));
    if (digits) {
      const use: GroupUse = { name: null, number: Number(digits[1]), at: i };
      i += digits[0].length;
      uses.push(use);
      return { kind: 'backref', use, ignoreCase: flags.i };
    }
    return { kind: 'one', set: parseCharEscape(false) };
  }

  /** An escape that stands for characters (outside or inside a class); `i` is at the backslash. */
  function parseCharEscape(inClass: boolean): CharSet {
    return toSet(charEscape(inClass));
  }

  function toSet(e: number | ((c: number) => boolean)): CharSet {
    return typeof e === 'number' ? charSet(e, flags.i) : setOf(e, flags.i);
  }

  /** A character code, or a predicate for \d \w \s \p{..}. */
  function charEscape(inClass: boolean): number | ((c: number) => boolean) {
    const n = pattern[i + 1]!;
    if ('dDwWsS'.includes(n)) { i += 2; return shorthand(n, ecma); }
    if (n === 'p' || n === 'P') {
      const m = /^\\[pP]\{([\w-]+)\}/.exec(pattern.slice(i));
      if (!m) { i += 2; fail('Incomplete \\p{X} character escape.'); }
      const name = m![1]!;
      if (/^Is/.test(name)) unsupported(`Unicode block \\p{${name}}`);
      const pred = category(name);
      if (!pred) fail(`Unknown property '${name}'.`);
      i += m![0].length;
      return n === 'P' ? (c: number) => !pred!(c) : pred!;
    }
    const simple: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, v: 11, e: 27, a: 7 };
    if (simple[n] !== undefined) { i += 2; return simple[n]!; }
    if (inClass && n === 'b') { i += 2; return 8; }
    if (n === '0' || (inClass && /[1-7]/.test(n))) {
      const m = /^\\([0-7]{1,3})/.exec(pattern.slice(i))!;
      i += m[0].length;
      return parseInt(m[1]!, 8) & 0xff;
    }
    if (n === 'x' || n === 'u') {
      const len = n === 'x' ? 2 : 4;
      const hex = pattern.slice(i + 2, i + 2 + len);
      if (!new RegExp(`^[0-9A-Fa-f]{${len}}$`).test(hex)) { i += 2; fail('Insufficient hexadecimal digits.'); }
      i += 2 + len;
      return parseInt(hex, 16);
    }
    if (n === 'c') {
      const ctl = pattern[i + 2];
      if (!ctl || !/[A-Za-z@[\\\]^_]/.test(ctl)) { i += 2; fail('Unrecognized control character.'); }
      i += 3;
      return ctl!.toUpperCase().charCodeAt(0) ^ 64;
    }
    if (/[A-Za-z0-9]/.test(n)) { i += 1; fail(`Unrecognized escape sequence \\${n}.`); }
    i += 2;
    return n.charCodeAt(0);
  }

  /** After '[': a class, possibly negated and with a subtraction; `i` ends after the closing ']'. */
  function parseClass(): CharSet {
    // Case folding happens inside, on the members, before negation: [^a] with IgnoreCase excludes 'A' too.
    return setOf(classPredicate(), false);
  }

  function classPredicate(): (c: number) => boolean {
    const negate = pattern[i] === '^';
    if (negate) i++;
    const parts: ((c: number) => boolean)[] = [];
    let subtract: ((c: number) => boolean) | null = null;
    let first = true;
    for (;;) {
      if (i >= pattern.length) fail('Unterminated [] set.');
      const c = pattern[i]!;
      if (c === ']' && !first) { i++; break; }
      first = false;
      if (c === '-' && pattern[i + 1] === '[') {
        i += 2;
        subtract = classPredicate();
        if (pattern[i] !== ']') fail('A subtraction must be the last element in a character class.');
        i++;
        break;
      }
      const lo = classAtom();
      if (typeof lo === 'number' && pattern[i] === '-' && pattern[i + 1] !== ']' && pattern[i + 1] !== undefined && pattern[i + 1] !== '[') {
        i++;
        const hi = classAtom();
        if (typeof hi !== 'number') fail('A subtraction must be the last element in a character class.');
        if ((hi as number) < lo) fail('[x-y] range in reverse order.');
        parts.push((x) => x >= lo && x <= (hi as number));
        continue;
      }
      parts.push(typeof lo === 'number' ? (x) => x === lo : lo);
    }
    const union = (x: number): boolean => {
      for (const p of parts) if (p(x)) return true;
      return false;
    };
    const any = flags.i ? (x: number) => union(x) || union(toLowerCode(x)) || union(toUpperCode(x)) : union;
    const member = negate ? (x: number) => !any(x) : any;
    if (!subtract) return member;
    const minus = subtract;
    return (x) => member(x) && !minus(x);
  }

  function classAtom(): number | ((c: number) => boolean) {
    const c = pattern[i]!;
    if (c !== '\\') { i++; return c.charCodeAt(0); }
    if (pattern[i + 1] === undefined) fail('Illegal \\ at end of pattern.');
    return charEscape(true);
  }

  const pendingConditionals: { node: Extract<RegexNode, { kind: 'if-group' }>; test: string }[] = [];

  const root = parseAlternation();
  if (i < pattern.length) fail("Too many )'s.");

  // .NET numbers unnamed groups first, then named ones in order of first appearance.
  const names = ['0'];
  const byName = new Map<string, number>();
  for (const g of groups) if (g.name === null) { g.number = names.length; names.push(String(g.number)); }
  for (const g of groups) {
    if (g.name === null) continue;
    let n = byName.get(g.name);
    if (n === undefined) { n = names.length; byName.set(g.name, n); names.push(g.name); }
    g.number = n;
  }
  const resolve = (use: GroupUse): boolean => {
    if (use.name !== null) {
      const n = byName.get(use.name);
      if (n === undefined) return false;
      use.number = n;
      return true;
    }
    return use.number < names.length;
  };
  for (const use of uses) {
    if (!resolve(use)) {
      i = use.at;
      fail(use.name !== null ? `Reference to undefined group name '${use.name}'.` : `Reference to undefined group number ${use.number}.`);
    }
  }
  for (const p of pendingConditionals) {
    if (resolve(p.node.use)) continue;
    if (p.node.use.name === null) { i = p.node.use.at; fail(`Reference to undefined group number ${p.node.use.number}.`); }
    // Not a group: the name is a pattern to look ahead for, as .NET reads (?(abc)yes|no).
    const test = parseRegex(p.test, options & ~RegexOptions.RightToLeft).root;
    Object.assign(p.node, { kind: 'if-look', test });
  }
  return { root, names };
}
