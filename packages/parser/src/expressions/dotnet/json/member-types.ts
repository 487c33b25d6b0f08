// Static types of members the compiler knows for objects it builds (anonymous objects), so that JSON can
// write `new { n = 2.0 }` as {"n":2.0} as Newtonsoft does: at run time 2.0 and 2 are the same JS number.
import type { TypeName } from '../registry.ts';

const TYPES = new WeakMap<object, Readonly<Record<string, TypeName>>>();

export function setMemberTypes(o: object, types: Readonly<Record<string, TypeName>>): void {
  TYPES.set(o, types);
}

export function memberTypesOf(o: object): Readonly<Record<string, TypeName>> | undefined {
  return TYPES.get(o);
}
