// The one TypeSystem every compilation uses: the compiler's primitives, the context model, the library modules.
import { TypeSystem } from './type-system.ts';
import * as modules from '../dotnet/modules.ts';
import * as primitives from '../dotnet/primitives.ts';
import * as context from '../context/context-types.ts';

import { registerEnumerator } from '../dotnet/collections/index.ts';

let instance: TypeSystem | undefined;

export function typeSystem(): TypeSystem {
  if (instance) return instance;
  const contextModule = context.contextTypes();
  const ts = new TypeSystem([primitives.primitiveTypes(), contextModule, ...modules.LIBRARY_MODULES]);
  // LINQ over the context's dictionaries (Headers, Query, Variables) sees KeyValuePairs, as foreach does.
  const contextNames = new Set(contextModule.map((d) => d.name));
  registerEnumerator((v) => {
    const d = ts.declOf(v);
    return d && contextNames.has(d.name) ? ts.find(d, 'enumerate')?.enumerate?.(v) : undefined;
  });
  instance = ts;
  return ts;
}
