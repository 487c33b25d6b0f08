// Result-type resolvers for members of generic collections: the receiver's type arguments.
import type { TypeResolver } from '../registry.ts';
import { elementType, splitGeneric } from './type-names.ts';

/** The i-th generic argument of the receiver ('Dictionary<string,int>', 1 → 'int'). */
export function typeArg(i: number): TypeResolver {
  return (receiver) => splitGeneric(receiver).args[i] ?? 'dynamic';
}

/** A type built from the receiver's element type: wrap('List') on 'string[]' → 'List<string>'. */
export function ofElement(wrap: (t: string) => string): TypeResolver {
  return (receiver) => wrap(elementType(receiver));
}

export const elementOf: TypeResolver = (receiver) => elementType(receiver);
