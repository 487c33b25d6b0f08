// Numbers, bool, char and Math rows, each with the value .NET gives (invariant culture).
import { describe } from 'vitest';
import { table } from './table.ts';
import type { Row } from './table.ts';

const formatting: Row[] = [
  ['(1234.5).ToString("N2")', '1,234.50'],
  ['(0.5).ToString("P0")', '50 %'],
  ['5.ToString("D3")', '005'],
  ['(-5).ToString("D3")', '-005'],
  ['255.ToString("X")', 'FF'],
  ['255.ToString("x2")', 'ff'],
  ['(3.14159).ToString("F3")', '3.142'],
  ['(2.5).ToString("F0")', '3'],
  ['1234567.ToString("#,##0")', '1,234,567'],
  ['(0.5).ToString("0.00")', '0.50'],
  ['(2.5).ToString("0.#")', '2.5'],
  ['(2.0).ToString("0.#")', '2'],
  ['(12.3456).ToString("00.0")', '12.3'],
  ['7.ToString("000")', '007'],
  ['(-5).ToString("0;(0)")', '(5)'],
  ['(0.125).ToString("0.00%")', '12.50%'],
  ['(1.5).ToString()', '1.5'],
  ['(1e20).ToString()', '1E+20'],
  ['(0.00001).ToString()', '1E-05'],
  ['(0.0001).ToString()', '0.0001'],
  ['(123456789012345.0).ToString()', '123456789012345'],
  ['(1e15).ToString()', '1E+15'],
  ['(100.0).ToString()', '100'],
  ['double.NaN.ToString()', 'NaN'],
  ['(1.5m).ToString()', '1.5'],
  ['(10m / 4).ToString()', '2.5'],
  ['(2.5).ToString("E2")', '2.50E+000'],
  ['(1234.5678).ToString("G6")', '1234.57'],
  ['(1234.5678).ToString("F2")', '1234.57'],
  ['(-1234.5).ToString("N1")', '-1,234.5'],
  ['42L.ToString()', '42'],
  ['(0.1 + 0.2).ToString()', '0.30000000000000004'],
];

const parsing: Row[] = [
  ['int.Parse(" 42 ")', 42],
  ['int.Parse("-7")', -7],
  ['int.Parse("4.2")', { throws: 'FormatException' }],
  ['int.Parse("")', { throws: 'FormatException' }],
  ['int.Parse(null)', { throws: 'ArgumentNullException' }],
  ['int.Parse("99999999999")', { throws: 'OverflowException' }],
  ['long.Parse("99999999999")', 99999999999],
  ['double.Parse("1e3")', 1000],
  ['double.Parse("1,234.5")', 1234.5],
  ['decimal.Parse("12.50")', 12.5],
  ['Int32.Parse("12")', 12],
  ['System.Int32.Parse("13")', 13],
  ['int.MaxValue', 2147483647],
  ['int.MinValue', -2147483648],
  ['bool.Parse("True")', true],
  ['bool.Parse(" false ")', false],
  ['bool.Parse("yes")', { throws: 'FormatException' }],
  ['bool.TryParse("yes", out var b)', false],
  ['true.ToString()', 'True'],
  ['int.TryParse("12a", out var n)', false],
  ['byte.Parse("256")', { throws: 'OverflowException' }],
];

const charRows: Row[] = [
  ["char.IsDigit('5')", true],
  ["char.IsLetter('5')", false],
  ["char.IsLetterOrDigit('x')", true],
  ["char.ToUpper('a')", 'A'],
  ["char.IsWhiteSpace(' ')", true],
  ["char.IsUpper('Q')", true],
  ['char.IsDigit("a1", 1)', true],
  ["'x'.ToString()", 'x'],
];

const math: Row[] = [
  ['Math.Round(2.5)', 2],
  ['Math.Round(3.5)', 4],
  ['Math.Round(-2.5)', -2],
  ['Math.Round(2.5, MidpointRounding.AwayFromZero)', 3],
  ['Math.Round(1.2345, 2)', 1.23],
  ['Math.Round(0.125, 2)', 0.12],
  ['Math.Max(3, 7)', 7],
  ['Math.Min(-1, 2)', -1],
  ['Math.Abs(-4.5)', 4.5],
  ['Math.Floor(-1.5)', -2],
  ['Math.Ceiling(1.2)', 2],
  ['Math.Pow(2, 10)', 1024],
  ['Math.Sqrt(16)', 4],
  ['(int)Math.Round(7.6)', 8],
  ['Math.Sign(-3)', -1],
  ['Math.Truncate(-2.7)', -2],
  ['Math.Max(1, 2.5)', 2.5],
  ['Math.Min(2, 3) / 2', 1],
  ['Math.PI > 3.14', true],
];

describe('numbers: ToString formats', () => table(formatting));
describe('numbers: Parse and TryParse', () => table(parsing));
describe('char and bool', () => table(charRows));
describe('Math', () => table(math));
