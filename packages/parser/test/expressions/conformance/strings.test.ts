// System.String rows, each with the value .NET gives.
import { describe } from 'vitest';
import { table } from './table.ts';
import type { Row } from './table.ts';

const search: Row[] = [
  ['"Hello".Contains("ell")', true],
  ['"Hello".Contains("ELL")', false],
  ['"Hello".Contains("ELL", StringComparison.OrdinalIgnoreCase)', true],
  ['"Hello".Contains(\'H\')', true],
  ['"Hello".StartsWith("he")', false],
  ['"Hello".StartsWith("he", StringComparison.OrdinalIgnoreCase)', true],
  ['"Hello".EndsWith("LO", StringComparison.OrdinalIgnoreCase)', true],
  ['"Bearer abc".StartsWith("Bearer ")', true],
  ['"Hello".IndexOf("l")', 2],
  ['"Hello".IndexOf(\'l\')', 2],
  ['"Hello".LastIndexOf("l")', 3],
  ['"Hello".LastIndexOf(\'H\')', 0],
  ['"Hello".IndexOf("z")', -1],
  ['"Hello".IndexOf("L", StringComparison.OrdinalIgnoreCase)', 2],
  ['"Hello".IndexOf("l", 3)', 3],
  ['"a=b".IndexOfAny(new[] { \'=\', \':\' })', 1],
  ['"Hello".Contains(null)', { throws: 'ArgumentNullException' }],
];

const slicing: Row[] = [
  ['"Hello".Substring(1)', 'ello'],
  ['"Hello".Substring(1, 3)', 'ell'],
  ['"Hello".Substring(5)', ''],
  ['"Hello".Substring(10)', { throws: 'ArgumentOutOfRangeException' }],
  ['"Hello".Substring(2, 10)', { throws: 'ArgumentOutOfRangeException' }],
  ['"abc".Insert(1, "X")', 'aXbc'],
  ['"abcdef".Remove(2)', 'ab'],
  ['"abcdef".Remove(1, 2)', 'adef'],
  ['"Hello".Length', 5],
  ['"".Length', 0],
  ['string.Empty.Length', 0],
  ['"abc".ToCharArray().Length', 3],
  ['"abc".ToCharArray()[2]', 'c'],
];

const split: Row[] = [
  ['"a,b,c".Split(\',\').Length', 3],
  ['"a,b,,c".Split(\',\').Length', 4],
  ['"a,b,,c".Split(new[] { \',\' }, StringSplitOptions.RemoveEmptyEntries).Length', 3],
  ['"k=v=w".Split(new char[] { \'=\' }, 2)[1]', 'v=w'],
  ['"a;b,c".Split(\';\', \',\').Length', 3],
  ['"a--b--c".Split(new string[] { "--" }, StringSplitOptions.None)[2]', 'c'],
  ['"a b  c".Split(\' \').Length', 4],
  ['" a , b ".Split(\',\')[0]', ' a '],
  ['" a , b ".Split(\',\', StringSplitOptions.TrimEntries)[1]', 'b'],
  ['"Bearer xyz".Split(\' \')[1]', 'xyz'],
  ['"a b\tc".Split().Length', 3],
  ['"x".Split(\',\')[0]', 'x'],
  ['"".Split(\',\').Length', 1],
  ['"".Split(new[] { \',\' }, StringSplitOptions.RemoveEmptyEntries).Length', 0],
];

const transform: Row[] = [
  ['"Hello".Replace("l", "L")', 'HeLLo'],
  ['"aaa".Replace("a", "")', ''],
  ['"a-b".Replace(\'-\', \'+\')', 'a+b'],
  ['"x".Replace("", "y")', { throws: 'ArgumentException' }],
  ['"  hi  ".Trim()', 'hi'],
  ['"  hi  ".TrimStart()', 'hi  '],
  ['"  hi  ".TrimEnd()', '  hi'],
  ['"xxhixx".Trim(\'x\')', 'hi'],
  ['"/path/".TrimEnd(\'/\')', '/path'],
  ['"/path/".TrimStart(\'/\')', 'path/'],
  ['"-+a+-".Trim(\'-\', \'+\')', 'a'],
  ['"Hello".ToLower()', 'hello'],
  ['"Hello".ToUpperInvariant()', 'HELLO'],
  ['"héllo".ToUpper()', 'HÉLLO'],
  ['"7".PadLeft(3, \'0\')', '007'],
  ['"ab".PadRight(4) + "|"', 'ab  |'],
  ['"abcd".PadLeft(2)', 'abcd'],
];

const statics: Row[] = [
  ['string.Join(",", new[] { "a", "b", "c" })', 'a,b,c'],
  ['string.Join("-", 1, 2, 3)', '1-2-3'],
  ['string.Join(", ", new List<string> { "x", "y" })', 'x, y'],
  ['string.Join("|", new[] { true, false })', 'True|False'],
  ['string.Format("{0}-{1}", "a", 5)', 'a-5'],
  ['string.Format("{0:0.0}", 2.25)', '2.3'],
  ['string.Format("{0,5}|", "ab")', '   ab|'],
  ['string.Format("{{{0}}}", 1)', '{1}'],
  ['string.Format("{0:N0} items", 12345)', '12,345 items'],
  ['string.Format("{1}{0}", "a")', { throws: 'FormatException' }],
  ['string.Concat("a", "b", "c")', 'abc'],
  ['string.Concat("a", 1, true)', 'a1True'],
  ['string.IsNullOrEmpty("")', true],
  ['string.IsNullOrEmpty(null)', true],
  ['string.IsNullOrEmpty(" ")', false],
  ['string.IsNullOrWhiteSpace(" \\t")', true],
  ['String.IsNullOrEmpty("x")', false],
  ['System.String.Concat("a", "b")', 'ab'],
];

const comparison: Row[] = [
  ['string.Equals("a", "A", StringComparison.OrdinalIgnoreCase)', true],
  ['"a".Equals("A")', false],
  ['"abc".Equals("ABC", StringComparison.OrdinalIgnoreCase)', true],
  ['string.Compare("a", "b")', -1],
  ['string.Compare("b", "a")', 1],
  ['string.Compare("a", "a")', 0],
  ['string.Compare("a", "B")', -1],
  ['string.Compare("a", "B", StringComparison.Ordinal) > 0', true],
  ['string.CompareOrdinal("a", "b") < 0', true],
  ['"abc".CompareTo("abd")', -1],
  ['string.Compare("A", "a", StringComparison.OrdinalIgnoreCase)', 0],
  ['string.Compare("A", "a", true)', 0],
];

describe('string: search', () => table(search));
describe('string: slicing', () => table(slicing));
describe('string: Split', () => table(split));
describe('string: transforms', () => table(transform));
describe('string: statics', () => table(statics));
describe('string: comparison', () => table(comparison));
