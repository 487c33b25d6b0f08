// Object.ToString() for values inside collections (KeyValuePair prints its parts).
import { foreignDeclOf } from './foreign.ts';

export function displayString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof Uint8Array) return 'System.Byte[]';
  const decl = foreignDeclOf(v);
  if (decl?.toString) return decl.toString(v);
  const ts = (v as { toString?: () => string }).toString;
  return typeof ts === 'function' ? ts.call(v) : '';
}
