// System.Text.RegularExpressions.RegexOptions, as .NET numbers them.
import { enumType } from '../../time/enum-type.ts';

export const RegexOptions = {
  None: 0, IgnoreCase: 1, Multiline: 2, ExplicitCapture: 4, Compiled: 8, Singleline: 16,
  IgnorePatternWhitespace: 32, RightToLeft: 64, ECMAScript: 256, CultureInvariant: 512, NonBacktracking: 1024,
} as const;

export const regexOptionsType = enumType('RegexOptions', ['System.Text.RegularExpressions.RegexOptions'], RegexOptions, true);
