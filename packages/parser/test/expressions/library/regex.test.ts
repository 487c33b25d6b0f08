import { describe, expect, it } from 'vitest';
import { textTypes } from '../../../src/expressions/dotnet/text/index.ts';
import { inst, make, st, typeOf } from './call.ts';

const Regex = typeOf(textTypes, 'Regex');
const Match = typeOf(textTypes, 'Match');
const GroupCollection = typeOf(textTypes, 'GroupCollection');
const Group = typeOf(textTypes, 'Group');
const MatchCollection = typeOf(textTypes, 'MatchCollection');
const RegexOptions = typeOf(textTypes, 'RegexOptions');
const opt = (name: string): number => st(RegexOptions, name);

const group = (m: unknown, key: string | number): unknown => GroupCollection.indexer!.get(inst(Match, m, 'Groups'), key);
const value = (g: unknown): string => inst(Group, g, 'Value');

describe('Regex.Match and groups', () => {
  it('the documented max-age example', () => {
    const m = st(Regex, 'Match', 'public, max-age=3600', String.raw`max-age=(?<maxAge>\d+)`);
    expect(value(group(m, 'maxAge'))).toBe('3600');
    expect([inst(Match, m, 'Success'), inst(Match, m, 'Index'), inst(Match, m, 'Length')]).toEqual([true, 8, 12]);
  });
  it('the corpus timestamp check', () => {
    const m = st(Regex, 'Match', 'user:abc:2024-01-15T10:30:00Z', String.raw`:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$`);
    expect([inst(Match, m, 'Success'), inst(Match, m, 'Value'), inst(Match, m, 'Index')]).toEqual([true, ':2024-01-15T10:30:00Z', 8]);
  });
  it('numbers unnamed groups before named ones, as .NET does', () => {
    const m = st(Regex, 'Match', '2024-01', String.raw`(?<year>\d+)-(\d+)`);
    expect([value(group(m, 0)), value(group(m, 1)), value(group(m, 2)), value(group(m, 'year'))]).toEqual(['2024-01', '01', '2024', '2024']);
    expect(st(Regex, 'Replace', '2024-01', String.raw`(?<year>\d+)-(\d+)`, '$1/${year}')).toBe('01/2024');
    expect(inst(Regex, make(Regex, String.raw`(?<year>\d+)-(\d+)`), 'GetGroupNames')).toEqual(['0', '1', 'year']);
    // \1 is the unnamed group in .NET, so it matches "abb", not "aba".
    expect(st(Regex, 'IsMatch', 'abb', String.raw`^(?<x>a)(b)\1$`)).toBe(true);
    expect(st(Regex, 'IsMatch', 'aba', String.raw`^(?<x>a)(b)\1$`)).toBe(false);
  });
  it('a failed match is empty, and so are missing groups', () => {
    const m = st(Regex, 'Match', 'abc', String.raw`(?<n>\d+)`);
    expect([inst(Match, m, 'Success'), inst(Match, m, 'Value')]).toEqual([false, '']);
    expect(inst(Group, group(m, 'n'), 'Success')).toBe(false);
    expect(inst(Group, group(st(Regex, 'Match', 'a1', String.raw`\d`), 'nope'), 'Success')).toBe(false);
  });
  it('Matches, NextMatch and Result', () => {
    const ms = st(Regex, 'Matches', 'a1b22c333', String.raw`\d+`);
    expect(inst(MatchCollection, ms, 'Count')).toBe(3);
    expect([...MatchCollection.enumerate!(ms)].map((m) => inst(Match, m, 'Value'))).toEqual(['1', '22', '333']);
    const first = st(Regex, 'Match', 'a1b22c333', String.raw`\d+`);
    const second = inst(Match, first, 'NextMatch');
    expect(inst(Match, second, 'Value')).toBe('22');
    expect(inst(Match, inst(Match, inst(Match, second, 'NextMatch'), 'NextMatch'), 'Success')).toBe(false);
    expect(inst(Match, st(Regex, 'Match', 'k=v', String.raw`(\w)=(\w)`), 'Result', '$2=$1')).toBe('v=k');
  });
});

describe('.NET regex semantics in translation', () => {
  it.each([
    ['inline (?i)', 'HELLO', '(?i)hello', 0, true],
    ['IgnoreCase option', 'HELLO', 'hello', 1, true],
    ['$ before a final newline', 'abc\n', 'abc$', 0, true],
    ['^ only at start without Multiline', 'a\nb', '^b', 0, false],
    ['^ at line starts with Multiline', 'a\nb', '^b', 2, true],
    ['. excludes \\n', 'a\nb', 'a.b', 0, false],
    ['. with Singleline', 'a\nb', 'a.b', 16, true],
    ['. matches \\r like .NET', 'a\rb', 'a.b', 0, true],
    ['IgnorePatternWhitespace', 'ab', 'a b # comment', 32, true],
    ['\\A and \\z', 'x\n', String.raw`\Ax\z`, 0, false],
    ['\\Z before a final newline', 'x\n', String.raw`\Ax\Z`, 0, true],
    ['escaped quote', "a'b", String.raw`a\'b`, 0, true],
    ['Unicode category', 'é', String.raw`^\p{L}$`, 0, true],
    ['Unicode category with escaped punctuation', "é'", String.raw`^\p{L}\'$`, 0, true],
    ['percent escapes (corpus)', 'a%2Fb', '%[0-9A-Fa-f]{2}', 0, true],
    ['scoped option', 'aB', 'a(?i:b)', 0, true],
    ["(?'name') groups", 'ab', "(?'x'a)\\k'x'?b", 0, true],
    ['explicit capture', 'ab', '(a)(?<n>b)', 4, true],
    ['literal brace', 'a{b', 'a{b', 0, true],
  ])('%s', (_name, input, pattern, options, expected) => {
    expect(st(Regex, 'IsMatch', input, pattern, options)).toBe(expected);
  });
  it('ExplicitCapture keeps only named groups', () => {
    const m = st(Regex, 'Match', 'ab', '(a)(?<n>b)', opt('ExplicitCapture'));
    expect(inst(GroupCollection, inst(Match, m, 'Groups'), 'Count')).toBe(2);
  });
  it('RegexOptions combine as flags and print like .NET', () => {
    expect(RegexOptions.toString!(opt('IgnoreCase') | opt('Multiline'))).toBe('IgnoreCase, Multiline');
  });
});

describe('Replace, Split, Escape', () => {
  it('replacement patterns', () => {
    expect(st(Regex, 'Replace', 'abc', 'b', '[$0$$]')).toBe('a[b$]c');
    expect(st(Regex, 'Replace', 'abc', 'b', "[$`|$']")).toBe('a[a|c]c');
    expect(st(Regex, 'Replace', 'a b  c', String.raw`\s+`, '-')).toBe('a-b-c');
    expect(st(Regex, 'Replace', 'Hello', 'L', 'l', opt('IgnoreCase'))).toBe('Hello'.replace(/l/gi, 'l'));
  });
  it('a MatchEvaluator lambda', () => {
    expect(st(Regex, 'Replace', 'a1b2', String.raw`\d`, (m: unknown) => String(Number(inst(Match, m, 'Value')) * 2))).toBe('a2b4');
  });
  it('instance Replace with a count', () => {
    expect(inst(Regex, make(Regex, 'a'), 'Replace', 'aaaa', 'b', 2)).toBe('bbaa');
  });
  it('Split like .NET, captures included', () => {
    expect(st(Regex, 'Split', 'a1b2c', String.raw`\d`)).toEqual(['a', 'b', 'c']);
    expect(st(Regex, 'Split', 'a-b', '(-)')).toEqual(['a', '-', 'b']);
    expect(st(Regex, 'Split', 'abc', '')).toEqual(['', 'a', 'b', 'c', '']);
  });
  it('Escape and Unescape', () => {
    expect(st(Regex, 'Escape', 'a.b*c (d)#]')).toBe(String.raw`a\.b\*c\ \(d\)\#]`);
    expect(st(Regex, 'Unescape', String.raw`a\.b\n\x41`)).toBe('a.b\nA');
  });
});

describe('refusals', () => {
  it.each([String.raw`(a+)+$`, String.raw`^(\w+\s?)+$`, String.raw`(.*)*x`, String.raw`(?:\d*)+`])('refuses catastrophic %s', (pattern) => {
    expect(() => make(Regex, pattern)).toThrow('backtrack exponentially');
  });
  it.each([String.raw`^(\d+,)*\d+$`, String.raw`^(?:[a-z]+\.)+[a-z]+$`, String.raw`(ab)+`])('accepts %s', (pattern) => {
    expect(() => make(Regex, pattern)).not.toThrow();
  });
  it('invalid and unsupported patterns', () => {
    expect(() => make(Regex, '(')).toThrow("Not enough )'s.");
    expect(() => make(Regex, ')')).toThrow("Too many )'s.");
    expect(() => make(Regex, '[a-z-[aeiou]]')).toThrow('character class subtraction');
    expect(() => make(Regex, '(?(x)a|b)')).toThrow('conditional groups');
    expect(() => st(Regex, 'IsMatch', null, 'a')).toThrow("Value cannot be null. (Parameter 'input')");
  });
});
