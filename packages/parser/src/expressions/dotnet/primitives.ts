// The declarations the compiler itself provides (beside the library modules).
import type { TypeModule } from './registry.ts';
import { stringDecl } from './string.ts';
import { numberTypes } from './numbers.ts';
import { boolDecl, charDecl } from './char-bool.ts';
import { mathDecl } from './math.ts';
import { enumTypes } from './enums.ts';
import { exceptionTypes, nullableDecl, objectDecl, typeDecl } from './object-types.ts';
import { arrayDecl, byteArrayDecl } from './arrays.ts';

/** A function, not a constant: the declarations import the type system lazily and sit in an import cycle. */
export function primitiveTypes(): TypeModule {
  return [
    objectDecl, stringDecl, ...numberTypes, boolDecl, charDecl, mathDecl, ...enumTypes, ...exceptionTypes, nullableDecl,
    typeDecl, arrayDecl, byteArrayDecl,
  ];
}
