// Object.ToString() for values an expression hands to StringBuilder.Append, Convert.ToString and the like.
import type { TypeDecl } from '../registry.ts';
import { formatNumber } from './number-text.ts';
import { formatNumeric } from '../exact-number-text.ts';
import { CsDecimal } from '../decimal.ts';

const known: TypeDecl[] = [];

/** Declarations whose instances display through their own `toString` (this module's and the time module's). */
export function registerDisplayTypes(decls: readonly TypeDecl[]): void {
  for (const d of decls) if (!known.includes(d)) known.push(d);
}

export function displayString(value: unknown, staticType?: string, format?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') {
    const decl = staticType ? known.find((d) => d.name === staticType) : undefined;
    return decl?.toString ? decl.toString(value, format) : formatNumber(value, staticType);
  }
  if (typeof value === 'bigint' || value instanceof CsDecimal) return formatNumeric(value, staticType === 'ulong' ? 'ulong' : 'long', format);
  if (value instanceof Uint8Array) return 'System.Byte[]';
  if (Array.isArray(value)) return 'System.Object[]';
  for (const d of known) if (d.is?.(value) && d.toString) return d.toString(value, format);
  return 'System.Object';
}
