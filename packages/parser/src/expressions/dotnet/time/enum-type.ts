// C# enums: values are JS numbers whose static type is the enum; the TypeDecl names them when printed.
import { method, property } from '../registry.ts';
import type { MemberDecl, TypeDecl } from '../registry.ts';

/** An enum TypeDecl from name → value. `flags` enums print combined values as "A, B", as .NET does. */
export function enumType(name: string, aliases: readonly string[], members: Readonly<Record<string, number>>, flags = false): TypeDecl {
  const statics: Record<string, MemberDecl> = {};
  for (const [key, value] of Object.entries(members)) statics[key] = property(name, () => value);
  const names = Object.entries(members);
  const print = (value: number): string => {
    const exact = names.find(([, v]) => v === value);
    if (exact) return exact[0];
    if (flags) {
      const parts = names.filter(([, v]) => v !== 0 && (value & v) === v);
      const covered = parts.reduce((acc, [, v]) => acc | v, 0);
      if (covered === value) return parts.map(([k]) => k).join(', ');
    }
    return String(value);
  };
  return {
    name,
    aliases,
    static: statics,
    instance: {
      ToString: method('string', [0, 1], (self: number) => print(self)),
      HasFlag: method('bool', [1, 1], (self: number, [flag]) => ((self & (flag as number)) === flag)),
    },
    toString: (self: number) => print(self),
    cast: (v) => v,
  };
}
