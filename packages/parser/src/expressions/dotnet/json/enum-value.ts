// .NET enum members as singletons: identity is equality, ToString() is the member name.
export class CsEnumValue {
  constructor(readonly enumName: string, readonly name: string, readonly value: number) {}
  toString(): string {
    return this.name;
  }
}

export function enumMembers<const N extends readonly string[]>(enumName: string, names: N): Record<N[number], CsEnumValue> {
  return Object.fromEntries(names.map((n, i) => [n, new CsEnumValue(enumName, n, i)])) as Record<N[number], CsEnumValue>;
}

/** Newtonsoft.Json.Linq.JTokenType, numbered as in Newtonsoft 13. */
export const JTokenType = enumMembers('JTokenType', [
  'None', 'Object', 'Array', 'Constructor', 'Property', 'Comment', 'Integer', 'Float', 'String', 'Boolean', 'Null',
  'Undefined', 'Date', 'Raw', 'Bytes', 'Guid', 'Uri', 'TimeSpan',
] as const);

export type JTokenTypeName = keyof typeof JTokenType;

/** Newtonsoft.Json.Formatting. */
export const Formatting = enumMembers('Formatting', ['None', 'Indented'] as const);
