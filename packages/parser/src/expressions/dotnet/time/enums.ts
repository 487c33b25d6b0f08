// Enums and culture markers the time members take or return.
import type { TypeDecl } from '../registry.ts';
import { enumType } from './enum-type.ts';

export const dayOfWeekType = enumType('DayOfWeek', ['System.DayOfWeek'], {
  Sunday: 0, Monday: 1, Tuesday: 2, Wednesday: 3, Thursday: 4, Friday: 5, Saturday: 6,
});

// The whitelist allows DateTimeKind.Utc only; Local and Unspecified still exist as values (Now, Parse).
export const dateTimeKindType = enumType('DateTimeKind', ['System.DateTimeKind'], { Unspecified: 0, Utc: 1, Local: 2 });

export const dateTimeStylesType = enumType('DateTimeStyles', ['System.Globalization.DateTimeStyles'], {
  None: 0, AllowLeadingWhite: 1, AllowTrailingWhite: 2, AllowInnerWhite: 4, AllowWhiteSpaces: 7,
  NoCurrentDateDefault: 8, AdjustToUniversal: 16, AssumeLocal: 32, AssumeUniversal: 64, RoundtripKind: 128,
}, true);

/** CultureInfo.InvariantCulture/CurrentCulture: a marker; every format here is invariant already. */
export class CsCultureInfo {
  constructor(readonly name: string) {}
}

const invariant = new CsCultureInfo('');

export const cultureInfoType: TypeDecl = {
  name: 'CultureInfo',
  aliases: ['System.Globalization.CultureInfo'],
  is: (v) => v instanceof CsCultureInfo,
  static: {
    InvariantCulture: { kind: 'property', type: 'CultureInfo', get: () => invariant },
    CurrentCulture: { kind: 'property', type: 'CultureInfo', get: () => invariant },
  },
  instance: {
    Name: { kind: 'property', type: 'string', get: (self: CsCultureInfo) => self.name },
  },
  toString: (self: CsCultureInfo) => self.name,
};
