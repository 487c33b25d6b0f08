// System.Char and System.Boolean.
import { ExpressionError, method, property, OutRef } from './registry.ts';
import type { TypeDecl } from './registry.ts';

const c0 = (v: unknown, i?: unknown): string => {
  const s = String(v);
  return i === undefined ? s : s[i as number] ?? '';
};

export const charDecl: TypeDecl = {
  name: 'char',
  aliases: ['Char', 'System.Char'],
  is: (v) => typeof v === 'string' && v.length === 1,
  static: {
    IsDigit: method('bool', [1, 2], (_s, [v, i]) => /^[0-9]$/.test(c0(v, i))),
    IsLetter: method('bool', [1, 2], (_s, [v, i]) => /^\p{L}$/u.test(c0(v, i))),
    IsLetterOrDigit: method('bool', [1, 2], (_s, [v, i]) => /^[\p{L}\p{Nd}]$/u.test(c0(v, i))),
    IsWhiteSpace: method('bool', [1, 2], (_s, [v, i]) => /^\s$/.test(c0(v, i))),
    IsUpper: method('bool', [1, 2], (_s, [v, i]) => /^\p{Lu}$/u.test(c0(v, i))),
    IsLower: method('bool', [1, 2], (_s, [v, i]) => /^\p{Ll}$/u.test(c0(v, i))),
    IsPunctuation: method('bool', [1, 2], (_s, [v, i]) => /^\p{P}$/u.test(c0(v, i))),
    IsControl: method('bool', [1, 2], (_s, [v, i]) => /^\p{Cc}$/u.test(c0(v, i))),
    ToUpper: method('char', [1, 2], (_s, [v]) => String(v).toUpperCase()),
    ToLower: method('char', [1, 2], (_s, [v]) => String(v).toLowerCase()),
    ToUpperInvariant: method('char', [1, 1], (_s, [v]) => String(v).toUpperCase()),
    ToLowerInvariant: method('char', [1, 1], (_s, [v]) => String(v).toLowerCase()),
    MinValue: property('char', () => '\0'),
    MaxValue: property('char', () => '\uffff'),
    Parse: method('char', [1, 1], (_s, [v]) => {
      if (typeof v !== 'string' || v.length !== 1) throw new ExpressionError('String must be exactly one character long.', 'FormatException');
      return v;
    }),
  },
  instance: {
    ToString: method('string', [0, 1], (self: string) => self),
    CompareTo: method('int', [1, 1], (self: string, [o]) => self.charCodeAt(0) - String(o).charCodeAt(0)),
    Equals: method('bool', [1, 1], (self: string, [o]) => self === o),
  },
  toString: (self: string) => self,
  compare: (a: string, b: string) => a.charCodeAt(0) - b.charCodeAt(0),
};

function parseBool(v: unknown): boolean {
  if (v === null || v === undefined) throw new ExpressionError("Value cannot be null. (Parameter 'value')", 'ArgumentNullException');
  const t = String(v).trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  throw new ExpressionError(`String '${String(v)}' was not recognized as a valid Boolean.`, 'FormatException');
}

export const boolDecl: TypeDecl = {
  name: 'bool',
  aliases: ['Boolean', 'System.Boolean'],
  is: (v) => typeof v === 'boolean',
  static: {
    TrueString: property('string', () => 'True'),
    FalseString: property('string', () => 'False'),
    Parse: method('bool', [1, 1], (_s, [v]) => parseBool(v)),
    TryParse: method('bool', [2, 2], (_s, [v, out]) => {
      try {
        (out as OutRef<boolean>).value = parseBool(v);
        return true;
      } catch {
        (out as OutRef<boolean>).value = false;
        return false;
      }
    }),
  },
  instance: {
    ToString: method('string', [0, 1], (self: boolean) => (self ? 'True' : 'False')),
    Equals: method('bool', [1, 1], (self: boolean, [o]) => self === o),
    CompareTo: method('int', [1, 1], (self: boolean, [o]) => Number(self) - Number(o)),
  },
  toString: (self: boolean) => (self ? 'True' : 'False'),
};
