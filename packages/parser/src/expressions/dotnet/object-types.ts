// System.Object, System.Type (for typeof), Nullable<T> and the exception family.
import { method, property } from './registry.ts';
import type { TypeDecl } from './registry.ts';
import { CsException } from '../runtime/errors.ts';
import { typeSystem } from '../types/registry-instance.ts';
import { csEquals, toNetString } from '../runtime/convert.ts';
import { CLR_NAMES } from '../types/type-names.ts';

export const objectDecl: TypeDecl = {
  name: 'object',
  aliases: ['Object', 'System.Object'],
  is: () => true,
  instance: {
    ToString: method('string', [0, 0], (self) => toNetString(typeSystem(), self)),
    Equals: method('bool', [1, 1], (self, [o]) => csEquals(typeSystem(), self, o)),
    GetHashCode: method('int', [0, 0], () => 0),
  },
  static: {
    Equals: method('bool', [2, 2], (_s, [a, b]) => csEquals(typeSystem(), a, b)),
    ReferenceEquals: method('bool', [2, 2], (_s, [a, b]) => a === b),
  },
};

/** The value of `typeof(T)`: a name, nothing reflective. */
export class CsType {
  constructor(readonly name: string) {}
}

export const typeDecl: TypeDecl = {
  name: 'Type',
  aliases: ['System.Type'],
  is: (v) => v instanceof CsType,
  instance: {
    Name: property('string', (t: CsType) => (CLR_NAMES[t.name] ?? t.name).replace(/^.*\./, '')),
    FullName: property('string', (t: CsType) => CLR_NAMES[t.name] ?? t.name),
  },
  toString: (t: CsType) => CLR_NAMES[t.name] ?? t.name,
  equals: (a: CsType, b) => b instanceof CsType && a.name === b.name,
};

export const nullableDecl: TypeDecl = {
  name: 'Nullable',
  aliases: ['System.Nullable'],
  generic: 1,
  instance: {
    HasValue: property('bool', (v) => v !== null && v !== undefined),
    Value: property((r) => r.replace(/\?$/, ''), (v) => v),
    GetValueOrDefault: method((r) => r.replace(/\?$/, ''), [0, 1], (v, [d]) => v ?? d ?? 0),
  },
};

const EXCEPTIONS: [string, string][] = [
  ['Exception', 'object'], ['SystemException', 'Exception'], ['ArgumentException', 'SystemException'],
  ['ArgumentNullException', 'ArgumentException'], ['ArgumentOutOfRangeException', 'ArgumentException'],
  ['InvalidOperationException', 'SystemException'], ['FormatException', 'SystemException'],
  ['NullReferenceException', 'SystemException'], ['InvalidCastException', 'SystemException'],
  ['IndexOutOfRangeException', 'SystemException'], ['KeyNotFoundException', 'SystemException'],
  ['ArithmeticException', 'SystemException'], ['DivideByZeroException', 'ArithmeticException'],
  ['OverflowException', 'ArithmeticException'], ['NotSupportedException', 'SystemException'],
  ['NotImplementedException', 'SystemException'], ['UriFormatException', 'FormatException'],
  ['TimeoutException', 'SystemException'], ['JsonException', 'Exception'], ['JsonReaderException', 'JsonException'],
  ['JsonSerializationException', 'JsonException'], ['CryptographicException', 'SystemException'],
  ['RegexMatchTimeoutException', 'TimeoutException'],
];

const NAMESPACES: Record<string, string> = {
  KeyNotFoundException: 'System.Collections.Generic', JsonException: 'Newtonsoft.Json', JsonReaderException: 'Newtonsoft.Json',
  JsonSerializationException: 'Newtonsoft.Json', CryptographicException: 'System.Security.Cryptography',
  RegexMatchTimeoutException: 'System.Text.RegularExpressions',
};

const PARENT = new Map(EXCEPTIONS);

/** Whether exception type `name` is `target` or derives from it. */
export function exceptionDerives(name: string, target: string): boolean {
  for (let c: string | undefined = name; c && c !== 'object'; c = PARENT.get(c)) if (c === target) return true;
  return false;
}

export const exceptionTypes: TypeDecl[] = EXCEPTIONS.map(([name, base]) => ({
  name,
  aliases: [`${NAMESPACES[name] ?? 'System'}.${name}`],
  base,
  is: (v: unknown) => v instanceof CsException && exceptionDerives(v.typeName, name),
  construct: method(name, [0, 3], (_s, args) => {
    const msg = args.find((a) => typeof a === 'string') as string | undefined;
    const inner = args.find((a) => a instanceof CsException) as CsException | undefined;
    return new CsException(name, msg ?? `Exception of type 'System.${name}' was thrown.`, inner ?? null);
  }),
  instance: name === 'Exception' ? {
    Message: property('string', (e: CsException) => e.Message),
    InnerException: property('Exception', (e: CsException) => e.InnerException),
    StackTrace: property('string', () => ''),
    Source: property('string', () => null),
    ToString: method('string', [0, 0], (e: CsException) => `${NAMESPACES[e.typeName] ?? 'System'}.${e.typeName}: ${e.Message}`),
  } : undefined,
  toString: (e: CsException) => `${NAMESPACES[e.typeName] ?? 'System'}.${e.typeName}: ${e.Message}`,
}));
