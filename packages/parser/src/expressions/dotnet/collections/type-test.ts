// `value is T` for a type named at run time (Cast<T>, OfType<T>, ToObject targets).
import type { TypeDecl } from '../registry.ts';
import { collectionTypes } from './index.ts';
import { jsonTypes } from '../json/index.ts';
import { foreignDeclNamed } from './foreign.ts';
import { primitiveName, splitGeneric } from './type-names.ts';

const INTEGER = new Set(['int', 'long', 'short', 'byte', 'sbyte', 'ushort', 'uint', 'ulong']);

function declNamed(name: string): TypeDecl | undefined {
  for (const d of [...collectionTypes, ...jsonTypes]) if (d.name === name || d.aliases?.includes(name)) return d;
  return foreignDeclNamed(name);
}

/** Whether a non-null value is an instance of the named type; undefined when the type is unknown. */
export function isOfType(value: unknown, type: string): boolean | undefined {
  const t = primitiveName(type.replace(/\?$/, ''));
  if (t === 'object' || t === 'dynamic') return true;
  if (t === 'string') return typeof value === 'string';
  if (t === 'char') return typeof value === 'string' && value.length === 1;
  if (t === 'bool') return typeof value === 'boolean';
  if (INTEGER.has(t)) return typeof value === 'number' && Number.isInteger(value);
  if (t === 'double' || t === 'float' || t === 'decimal') return typeof value === 'number';
  if (t === 'byte[]') return value instanceof Uint8Array;
  if (t.endsWith('[]')) return Array.isArray(value);
  const decl = declNamed(splitGeneric(t).name);
  return decl?.is ? decl.is(value) : undefined;
}
