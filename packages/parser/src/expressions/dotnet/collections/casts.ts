// InvalidCastException as .NET words it, for `(T)value` between incompatible reference types.
import { ExpressionError } from '../registry.ts';
import { dotnetTypeName } from './list.ts';

export function runtimeTypeName(v: unknown): string {
  if (typeof v === 'string') return 'System.String';
  if (typeof v === 'number') return Number.isInteger(v) ? 'System.Int32' : 'System.Double';
  if (typeof v === 'boolean') return 'System.Boolean';
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof Uint8Array) return 'System.Byte[]';
  const ctor = (v as object).constructor as { dotnetName?: string; name?: string } | undefined;
  return ctor?.dotnetName ?? ctor?.name ?? 'System.Object';
}

export function invalidCast(value: unknown, target: string): ExpressionError {
  return new ExpressionError(
    `Unable to cast object of type '${runtimeTypeName(value)}' to type '${dotnetTypeName(target)}'.`,
    'InvalidCastException',
  );
}
