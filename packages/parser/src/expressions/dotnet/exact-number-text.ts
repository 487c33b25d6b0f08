// ToString of any numeric value: JS numbers through number-format.ts; a long past 2^53 (BigInt) and a decimal
// (CsDecimal) exactly for the default, "G", "D" and "X" formats and through the nearest double for the others.
import { formatNumber } from './number-format.ts';
import { CsDecimal } from './decimal.ts';

export function formatNumeric(v: number | bigint | CsDecimal, type: string, format?: string | null): string {
  if (typeof v === 'number') return formatNumber(v, type, format);
  const std = format ? /^([A-Za-z])(\d{0,2})$/.exec(format) : null;
  const spec = std?.[1]!.toUpperCase();
  if (v instanceof CsDecimal) {
    if (!format || (spec === 'G' && std![2] === '')) return v.toString();
    return formatNumber(v.valueOf(), 'decimal', format);
  }
  if (!format || (spec === 'G' && std![2] === '')) return v.toString();
  const width = std?.[2] ? Number(std[2]) : 0;
  if (spec === 'D') {
    const digits = (v < 0n ? -v : v).toString().padStart(width, '0');
    return v < 0n ? `-${digits}` : digits;
  }
  if (spec === 'X') {
    const hex = BigInt.asUintN(64, v).toString(16).padStart(width, '0');
    return std![1] === 'X' ? hex.toUpperCase() : hex;
  }
  return formatNumber(Number(v), type, format);
}
