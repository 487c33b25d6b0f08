// The one TypeSystem every compilation uses: the compiler's primitives, the context model, the library modules.
import { TypeSystem } from './type-system.ts';
import * as modules from '../dotnet/modules.ts';
import * as primitives from '../dotnet/primitives.ts';
import * as context from '../context/context-types.ts';

let instance: TypeSystem | undefined;

export function typeSystem(): TypeSystem {
  instance ??= new TypeSystem([primitives.primitiveTypes(), context.contextTypes(), ...modules.LIBRARY_MODULES]);
  return instance;
}
