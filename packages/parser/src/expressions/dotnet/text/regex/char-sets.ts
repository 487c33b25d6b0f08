// Character classes with .NET's meanings, tested on UTF-16 code units as .NET does.
//
// \w is [\p{L}\p{Mn}\p{Nd}\p{Pc}], \d is \p{Nd}, \s is [\f\n\r\t\v\x85\p{Z}] (ASCII-only under
// RegexOptions.ECMAScript). IgnoreCase compares both cases of the input character (invariant culture).
// Every set answers ASCII from a table built once; other characters go through Unicode property tests.

export interface CharSet {
  test(c: number): boolean;
}

type Pred = (c: number) => boolean;

class SingleChar implements CharSet {
  constructor(readonly c: number) {}
  test(c: number): boolean { return c === this.c; }
}

class TableSet implements CharSet {
  private readonly table = new Uint8Array(128);
  constructor(private readonly slow: Pred) {
    for (let c = 0; c < 128; c++) this.table[c] = slow(c) ? 1 : 0;
  }
  test(c: number): boolean { return c < 128 ? this.table[c] === 1 : this.slow(c); }
}

const categoryCache = new Map<string, Pred>();

/** A Unicode general category (`L`, `Lu`, `Nd`...), as `\p{...}` names them. */
export function category(name: string): Pred | null {
  let p = categoryCache.get(name);
  if (!p) {
    let re: RegExp;
    try {
      re = new RegExp(`^\\p{gc=${name}}$`, 'u');
    } catch {
      return null;
    }
    p = (c) => re.test(String.fromCharCode(c));
    categoryCache.set(name, p);
  }
  return p;
}

const letter = category('L')!;
const nonSpacingMark = category('Mn')!;
const decimalDigit = category('Nd')!;
const connector = category('Pc')!;
const separator = category('Z')!;

export const isWordChar: Pred = (c) =>
  c < 128 ? (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95
    : letter(c) || nonSpacingMark(c) || decimalDigit(c) || connector(c) || c === 0x200c || c === 0x200d;
export const isAsciiWordChar: Pred = (c) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

const isDigit: Pred = (c) => (c < 128 ? c >= 48 && c <= 57 : decimalDigit(c));
const isAsciiDigit: Pred = (c) => c >= 48 && c <= 57;
const isSpace: Pred = (c) => (c >= 9 && c <= 13) || c === 32 || c === 0x85 || (c >= 128 && separator(c));
const isAsciiSpace: Pred = (c) => (c >= 9 && c <= 13) || c === 32;

/** \d \w \s and their negations; `ecma` selects the ASCII-only meanings of RegexOptions.ECMAScript. */
export function shorthand(letterCode: string, ecma: boolean): Pred {
  const base = letterCode.toLowerCase() === 'd' ? (ecma ? isAsciiDigit : isDigit)
    : letterCode.toLowerCase() === 'w' ? (ecma ? isAsciiWordChar : isWordChar)
      : (ecma ? isAsciiSpace : isSpace);
  return letterCode === letterCode.toUpperCase() ? (c) => !base(c) : base;
}

export function toLowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const s = String.fromCharCode(c).toLowerCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

export function toUpperCode(c: number): number {
  if (c < 128) return c >= 97 && c <= 122 ? c - 32 : c;
  const s = String.fromCharCode(c).toUpperCase();
  return s.length === 1 ? s.charCodeAt(0) : c;
}

/** A set from a predicate; `ignoreCase` also accepts a character whose other case is in the set. */
export function setOf(pred: Pred, ignoreCase: boolean): CharSet {
  const p = ignoreCase ? (c: number) => pred(c) || pred(toLowerCode(c)) || pred(toUpperCode(c)) : pred;
  return new TableSet(p);
}

/** One literal character. */
export function charSet(c: number, ignoreCase: boolean): CharSet {
  if (ignoreCase && toLowerCode(c) !== toUpperCode(c)) return setOf((x) => x === c, true);
  return new SingleChar(c);
}

/** `.`: any character but \n, or any at all under Singleline. */
export function dotSet(singleline: boolean): CharSet {
  return singleline ? ANY : NOT_NEWLINE;
}

const ANY = new TableSet(() => true);
const NOT_NEWLINE = new TableSet((c) => c !== 10);

/** The literal character a set stands for, when it is exactly one case-sensitive character. */
export function singleCharOf(set: CharSet): number {
  return set instanceof SingleChar ? set.c : -1;
}
