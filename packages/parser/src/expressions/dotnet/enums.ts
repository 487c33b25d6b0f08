// Enums the primitives use. As in the library modules, an enum value is a JS number whose static type is the
// enum; the declaration prints it by name.
import { method, property } from './registry.ts';
import type { MemberDecl, TypeDecl } from './registry.ts';

export function enumDecl(name: string, aliases: readonly string[], members: Readonly<Record<string, number>>): TypeDecl {
  const statics: Record<string, MemberDecl> = {};
  for (const [k, v] of Object.entries(members)) statics[k] = property(name, () => v);
  const print = (v: number): string => Object.entries(members).find(([, x]) => x === v)?.[0] ?? String(v);
  return {
    name,
    aliases,
    static: statics,
    instance: { ToString: method('string', [0, 1], (self: number) => print(self)) },
    toString: (self: number) => print(self),
    cast: (v) => v,
  };
}

export const StringComparison = {
  CurrentCulture: 0, CurrentCultureIgnoreCase: 1, InvariantCulture: 2, InvariantCultureIgnoreCase: 3, Ordinal: 4, OrdinalIgnoreCase: 5,
} as const;
export const StringSplitOptions = { None: 0, RemoveEmptyEntries: 1, TrimEntries: 2 } as const;
export const MidpointRounding = { ToEven: 0, AwayFromZero: 1, ToZero: 2, ToNegativeInfinity: 3, ToPositiveInfinity: 4 } as const;

export const enumTypes: TypeDecl[] = [
  enumDecl('StringComparison', ['System.StringComparison'], StringComparison),
  enumDecl('StringSplitOptions', ['System.StringSplitOptions'], StringSplitOptions),
  enumDecl('MidpointRounding', ['System.MidpointRounding'], MidpointRounding),
];

export function ignoresCase(comparison: unknown): boolean {
  return comparison === 1 || comparison === 3 || comparison === 5;
}
