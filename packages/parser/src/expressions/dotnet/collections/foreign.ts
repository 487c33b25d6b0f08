// Types that other library modules declare (DateTime, TimeSpan, Guid...), found through their TypeDecls so that
// JSON, equality and ordering can treat them as .NET does without knowing their classes.
import type { TypeDecl } from '../registry.ts';
import { timeTypes } from '../time/index.ts';
import { textTypes } from '../text/index.ts';
import { securityTypes } from '../security/index.ts';

const extra: TypeDecl[] = [];

/** Lets the compiler add declarations that live outside the library modules (its primitives, e.g. Guid). */
export function registerForeignTypes(decls: readonly TypeDecl[]): void {
  for (const d of decls) if (!extra.includes(d)) extra.push(d);
}

function* all(): Iterable<TypeDecl> {
  yield* timeTypes;
  yield* textTypes;
  yield* securityTypes;
  yield* extra;
}

/** The declaration of a run-time value that is an instance of another module's class. */
export function foreignDeclOf(value: unknown): TypeDecl | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  for (const d of all()) if (d.is?.(value)) return d;
  return undefined;
}

export function foreignDeclNamed(name: string): TypeDecl | undefined {
  for (const d of all()) if (d.name === name || d.aliases?.includes(name)) return d;
  return undefined;
}
