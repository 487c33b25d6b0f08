// The run-time value of a numeric literal: float rounded to single precision, long/ulong exact past 2^53
// (9223372036854775807L), decimal with its written scale (1.10m keeps its trailing zero).
import type { TypeName } from '../dotnet/registry.ts';
import { canon } from '../dotnet/int64.ts';
import { parseDecimalText } from '../dotnet/decimal.ts';

export function literalValue(value: number, type: TypeName, raw: string): unknown {
  if (type === 'float') return Math.fround(value);
  const text = raw.replace(/_/g, '');
  if (type === 'decimal') return parseDecimalText(text.replace(/[mM]$/, '')) ?? value;
  if ((type === 'long' || type === 'ulong') && !Number.isSafeInteger(value)) {
    const digits = text.replace(/[uUlL]+$/, '');
    return canon(BigInt(digits));
  }
  return value;
}
