// Number → string as .NET prints it (invariant culture): integers in full, doubles in shortest round-trip
// form with .NET's exponent style ("1E+15", "1E-05").

const INTEGRAL = new Set(['int', 'long', 'short', 'byte', 'sbyte', 'uint', 'ulong', 'ushort', 'decimal']);

export function formatNumber(n: number, staticType?: string): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '∞';
  if (n === -Infinity) return '-∞';
  if (staticType !== undefined && INTEGRAL.has(staticType.replace(/\?$/, ''))) {
    return Number.isInteger(n) ? BigInt(n).toString() : String(n);
  }
  const abs = Math.abs(n);
  if (abs !== 0 && (abs >= 1e15 || abs < 1e-4)) {
    const [mantissa, exp] = n.toExponential().split('e') as [string, string];
    const e = Number(exp);
    return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(n);
}
