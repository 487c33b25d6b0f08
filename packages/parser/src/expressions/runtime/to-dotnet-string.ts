// The one-argument ToString the runtime uses to turn an expression's value into header/attribute text.
import type { TypeName } from '../dotnet/registry.ts';
import { typeSystem } from '../types/registry-instance.ts';
import { toNetString } from './convert.ts';

/** `value.ToString()` as .NET prints it (True/False, "" for null, 1E+20, declared types' own ToString).
 *  Pass the expression's `resultType` where known (it decides int vs double printing). */
export function toDotnetString(value: unknown, type: TypeName = 'dynamic'): string {
  return toNetString(typeSystem(), value, type);
}
