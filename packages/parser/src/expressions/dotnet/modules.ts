// The library modules that make up the .NET surface. The compiler's registry is built from these.
import type { TypeModule } from './registry.ts';
import { jsonTypes } from './json/index.ts';
import { collectionTypes } from './collections/index.ts';
import { linqTypes } from './collections/linq.ts';
import { timeTypes } from './time/index.ts';
import { textTypes } from './text/index.ts';
import { securityTypes } from './security/index.ts';

/** Library modules written beside the compiler's own primitives (string, numbers, bool, char, Math, context). */
export const LIBRARY_MODULES: readonly TypeModule[] = [
  jsonTypes,
  collectionTypes,
  linqTypes,
  timeTypes,
  textTypes,
  securityTypes,
];
